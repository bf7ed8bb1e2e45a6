import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def printed_password(output: str) -> str:
    return output.rsplit("password: ", 1)[1].strip()


def test_local_admin_login_is_created_and_works(settings, capsys):
    settings.DEBUG = True
    call_command("create_local_logins")
    password = printed_password(capsys.readouterr().out)
    user = authenticate(username="admin", password=password)
    assert user is not None and user.is_staff and user.is_superuser


def test_running_again_resets_the_password(settings, capsys):
    settings.DEBUG = True
    call_command("create_local_logins")
    first = printed_password(capsys.readouterr().out)
    call_command("create_local_logins")
    second = printed_password(capsys.readouterr().out)
    assert first != second
    assert authenticate(username="admin", password=first) is None
    assert get_user_model().objects.filter(username="admin").count() == 1


def test_refuses_to_run_outside_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("create_local_logins")
