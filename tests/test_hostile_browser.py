"""Hostile content in a browser: a right-to-left override in a record stays
inside it (tests/hostile.py holds the hostile values; tests/test_hostile.py
the rest)."""

import pytest

from .factories import make_case, make_jurisdiction, make_ordinance, make_statement
from .hostile import RLO

# In a browser: a right-to-left override in a record stays inside it --------

RLO_PAGES = ["/", "/jurisdictions/", "/ordinances/", "/statements/", "/cases/"]


@pytest.mark.browser
@pytest.mark.django_db
def test_a_right_to_left_override_reorders_nothing_after_it(page):
    city = make_jurisdiction(name=f"Springfield {RLO}exe.gpj", slug="rlo-city")
    ordinance = make_ordinance(title=f"Trust act {RLO}fdp.txt", jurisdiction=city)
    make_statement(title=f"Threat {RLO}moc.live", targets=[city])
    case = make_case(
        title=f"U.S. v. Springfield {RLO}gro.tset",
        court=f"District court {RLO}ni.lol",
        defendants=[city],
        challenged=[ordinance],
    )
    checked = 0
    for url in [
        *RLO_PAGES,
        ordinance.get_absolute_url(),
        city.get_absolute_url(),
        case.get_absolute_url(),
    ]:
        page.goto(url)
        # For each element holding the override, what follows it on its line
        # must be drawn after it, not inside it.
        overlaps = page.evaluate(
            """(rlo) => {
              const found = [];
              const holders = [...document.querySelectorAll('body *')].filter(
                (el) => [...el.childNodes].some(
                  (n) => n.nodeType === 3 && n.textContent.includes(rlo)));
              for (const el of holders) {
                const box = el.getBoundingClientRect();
                const rest = document.createRange();
                rest.setStartAfter(el);
                rest.setEndAfter(el.parentNode.lastChild);
                for (const r of rest.getClientRects()) {
                  const sameLine = r.top < box.bottom && r.bottom > box.top;
                  if (r.width && sameLine && r.left < box.right - 1) {
                    found.push(el.tagName + ': ' + el.textContent.slice(0, 40));
                  }
                }
              }
              return [holders.length, found];
            }""",
            RLO,
        )
        holders, found = overlaps
        checked += holders
        assert found == [], (url, found)
    assert checked >= 6
    assert page.console_errors == []
