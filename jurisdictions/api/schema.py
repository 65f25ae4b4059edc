"""Adjustments drf-spectacular cannot infer from the views."""

# These answer an empty value with a 400 rather than ignoring it.
STRICT_WHEN_EMPTY = {"page_size"}


def document_empty_values(result, generator, request, public):
    """Mark single-valued query parameters as accepting an empty value.

    The filters follow HTML forms, whose blank fields arrive as `?q=`: an
    empty value means "not set". Lists of choices are not marked, since an
    empty choice is an error.
    """
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if (
                    parameter["in"] == "query"
                    and parameter["schema"].get("type") != "array"
                    and parameter["name"] not in STRICT_WHEN_EMPTY
                ):
                    parameter["allowEmptyValue"] = True
    return result
