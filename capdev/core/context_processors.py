from capdev.core.navigation import AREAS


def navigation(request):
    match = getattr(request, "resolver_match", None)
    return {"nav_areas": AREAS, "nav_current": match.app_name if match else ""}
