import pytest
from django.core.management import call_command


@pytest.fixture
def seed(db):
    """The LA article, DOJ list and provision taxonomy, as `make run` loads them."""
    call_command("load_seed", verbosity=0)
