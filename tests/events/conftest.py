"""Users of the review admin: a reviewer (staff, in the Reviewers group) and an administrator."""

import pytest
from django.contrib.auth.models import Group, User

from events.services import REVIEWERS_GROUP


@pytest.fixture
def reviewer(db) -> User:
    user = User.objects.create_user("rita", "rita@example.org", "correct horse battery", is_staff=True)
    user.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    return user


@pytest.fixture
def administrator(db) -> User:
    return User.objects.create_superuser("ada", "ada@example.org", "correct horse battery")
