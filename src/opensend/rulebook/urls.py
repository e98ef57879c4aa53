app_name = "rulebook"
urlpatterns: list[object] = []
