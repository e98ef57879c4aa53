app_name = "targeted"
urlpatterns: list[object] = []
