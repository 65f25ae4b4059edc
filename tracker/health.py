from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request):
    """Tell a load balancer whether this server can reach its database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means "take me out"
        return JsonResponse(
            {"status": "error", "database": type(exc).__name__}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})
