"""Users of the review admin: a reviewer (staff, in the Reviewers group) and an administrator."""

import pytest
from django.contrib.auth.models import Group, User

from events.reviewers import REVIEWERS_GROUP


@pytest.fixture
def reviewer(db) -> User:
    user = User.objects.create_user("rita", "rita@example.org", is_staff=True)  # tests log in with force_login
    user.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    return user


@pytest.fixture
def administrator(db) -> User:
    return User.objects.create_superuser("ada", "ada@example.org", None)
