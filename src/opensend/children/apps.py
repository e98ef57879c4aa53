from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "opensend.children"
    label = "children"
    verbose_name = "Children and young people"
