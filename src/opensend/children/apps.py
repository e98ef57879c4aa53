from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "opensend.children"
    label = "children"
    verbose_name = "Children and young people"

    def ready(self) -> None:
        from opensend.access.policy import register_policy
        from opensend.access.principal import register_family_grants

        from .family import family_grants
        from .policies import child_policy

        # Lower layers ask this app by name instead of importing it: notify for the child policy, the
        # principal for the family roles a person holds (the family rule).
        register_policy(child_policy)
        register_family_grants(family_grants)
