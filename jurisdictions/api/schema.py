"""Adjustments drf-spectacular cannot infer from the views."""

# These answer an empty value with a 400 rather than ignoring it.
STRICT_WHEN_EMPTY = {"page_size"}
# A list whose empty value means "the default", like a blank sort menu.
BLANK_IS_DEFAULT = {"ordering"}


def document_empty_values(result, generator, request, public):
    """Mark single-valued query parameters as accepting an empty value.

    The filters follow HTML forms, whose blank fields arrive as `?q=`: an
    empty value means "not set". Lists of choices are not marked, since an
    empty choice is an error; the sort order lists its blank (the default)
    among its values instead.
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
                if parameter["in"] == "query" and parameter["name"] in BLANK_IS_DEFAULT:
                    # `?ordering=` reads as [""], which sorts by the default.
                    items = parameter["schema"].get("items", {})
                    if "enum" in items and "" not in items["enum"]:
                        items["enum"] = ["", *items["enum"]]
    return result
