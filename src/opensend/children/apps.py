from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "opensend.children"
    label = "children"
    verbose_name = "Children and young people"

    def ready(self) -> None:
        from opensend.access.policy import register_policy

        from .policies import child_policy

        # Lower layers (notify) ask for the child policy by name instead of importing this app.
        register_policy(child_policy)
