import pytest
from rest_framework.test import APIClient

from accounts.api_tokens import token_create


@pytest.fixture
def api_for(world):
    """An API client authenticated with a fresh personal token of one of the world's roles."""

    def make(role_name):
        client = APIClient()
        user = world.user(role_name)
        if user is not None:
            _, raw = token_create(user=user, name=f"{role_name} test token")
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        return client

    return make
