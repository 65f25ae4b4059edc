from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from .factories import make_editor

PASSWORD = "a long enough passphrase"


class LoginLockoutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("setup_roles", stdout=StringIO())
        cls.editor = make_editor(username="eddie")

    def log_in(self, password):
        return self.client.post(
            reverse("admin:login"),
            {"username": "eddie", "password": password, "next": "/admin/"},
        )

    def test_five_failed_logins_lock_the_account_with_a_clear_message(self):
        for _ in range(4):
            response = self.log_in("wrong")
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "Please enter the correct username")
        response = self.log_in("wrong")
        self.assertContains(response, "Sign-in locked", status_code=429)
        self.assertContains(response, "after 5 wrong passwords", status_code=429)
        # Even the right password is refused while the lock lasts.
        response = self.log_in(PASSWORD)
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_a_successful_login_resets_the_count(self):
        for _ in range(4):
            self.log_in("wrong")
        self.assertEqual(self.log_in(PASSWORD).status_code, 302)
        self.client.logout()
        for _ in range(4):
            self.assertEqual(self.log_in("wrong").status_code, 200)

    def test_force_login_still_works_for_tests(self):
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(reverse("admin:index")).status_code, 200)
