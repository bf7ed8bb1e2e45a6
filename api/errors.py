"""Every API error as JSON with a one-line message, and the details DRF collected."""

from typing import Any

from rest_framework.response import Response
from rest_framework.views import exception_handler


def json_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    response = exception_handler(exc, context)
    if response is None:
        return None
    response.data = {"message": error_message(response.data), "status": response.status_code, "errors": response.data}
    return response


def error_message(data: Any) -> str:
    """'detail' as it is, or the first field error as 'field: message'."""
    if isinstance(data, dict):
        if "detail" in data:
            return str(data["detail"])
        for name, errors in data.items():
            return f"{name}: {error_message(errors)}"
    if isinstance(data, list) and data:
        return error_message(data[0])
    return str(data)
