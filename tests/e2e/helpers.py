"""What the browser tests do to pages: sign in as a demo person, find the parts GOV.UK pages share, and
work a page with the keyboard alone or with the mouse."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from coproduce.demo.personas import PERSONAS, Persona

BY_SLUG = {persona.slug: persona for persona in PERSONAS}


def persona_named(slug: str) -> Persona:
    return BY_SLUG[slug]


def sign_in_as(page: Page, slug: str) -> Page:
    """The demo's one-click sign-in, as a person would do it: open /demo/ and press their button."""
    persona = persona_named(slug)
    page.goto("/demo/")
    page.get_by_role("button", name=f"Sign in as {persona.full_name}", exact=True).click()
    expect(heading(page)).to_have_text(f"Hello, {persona.full_name}")
    return page


def heading(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def error_summary(page: Page) -> Locator:
    return page.locator(".govuk-error-summary")


def expect_errors(page: Page, javascript: bool, *messages: str) -> None:
    """The GOV.UK error summary: "There is a problem", each message, the page title starting "Error:",
    and with JavaScript on, the focus moved to the summary so screen readers announce it."""
    summary = error_summary(page)
    expect(summary.get_by_role("heading", level=2)).to_have_text("There is a problem")
    for message in messages:
        expect(summary).to_contain_text(message)
    expect(page).to_have_title(re.compile(r"^Error: "))
    if javascript:
        expect(summary).to_be_focused()


def success_banner(page: Page) -> Locator:
    return page.locator(".govuk-notification-banner--success")


def main_nav(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Menu")


def is_focused(target: Locator) -> bool:
    return target.evaluate("element => element === document.activeElement")


def tab_to(page: Page, target: Locator, *, limit: int = 80) -> None:
    """Move the focus to ``target`` with Tab (or Shift+Tab if it comes earlier in the page), as someone
    using only a keyboard would. Fails if it cannot be reached, which is itself a keyboard trap or a
    control that cannot take the focus."""
    target.wait_for()
    backwards = target.evaluate(
        "element => !!document.activeElement && document.activeElement !== document.body"
        " && !!(document.activeElement.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_PRECEDING)"
    )
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if is_focused(target):
            return
        page.keyboard.press(key)
    raise AssertionError(f"Could not reach {target} with {key} in {limit} presses")


class Hands:
    """How the person works the page: with the keyboard alone (Tab, typing, Enter), or with the mouse."""

    def __init__(self, page: Page, *, keyboard: bool):
        self.page = page
        self.keyboard = keyboard

    def fill(self, field: Locator, text: str) -> None:
        if not self.keyboard:
            field.fill(text)
            return
        tab_to(self.page, field)
        self.page.keyboard.press("ControlOrMeta+A")
        if text:
            self.page.keyboard.type(text)
        else:
            self.page.keyboard.press("Delete")
        expect(field).to_have_value(text)

    def press(self, control: Locator) -> None:
        """Follow a link or press a button."""
        if not self.keyboard:
            control.click()
            return
        tab_to(self.page, control)
        self.page.keyboard.press("Enter")
