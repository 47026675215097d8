"""axe-core audit of every page state a browser test goes through: serious or critical WCAG 2.x A/AA violations."""

import contextlib
import functools
from dataclasses import dataclass, field

import greenlet
import pytest
from django.conf import settings

# The one place every call of the sync API goes through (no public hook runs before each call).
from playwright._impl._sync_base import SyncBase
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

AXE_SCRIPT = settings.RELAIS_NODE_MODULES / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
FAILING_IMPACTS = ("serious", "critical")
# What identifies a page state: its address and the text it shows (typed values and what the DSFR scripts add
# once loaded do not make a new state; a swap, a shown error or an open dialog does). Null while the document loads (audited once complete) or on an empty one (about:blank).
STATE_KEY = """() => {
    if (document.readyState !== "complete" || !document.body || !document.body.childElementCount) return null;
    const text = document.body.innerText;
    let hash = 0;
    for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
    return `${location.href} ${text.length}:${hash}`;
}"""
# A state is audited once its transitions end (an opening DSFR accordion slides its panel under the buttons
# for 0.3 s: an audit meanwhile sees the buttons covered), infinite animations aside, at most 2 s.
RUN_AXE = """async ([tags, impacts]) => {
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    const settled = Promise.all(finite.map((a) => a.finished.catch(() => null)));
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 2000))]);
    const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
    return results.violations.filter((v) => impacts.includes(v.impact)).map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((node) => node.target.join(" ")),
    }));
}"""


@functools.cache
def axe_source() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Violation:
    url: str
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self):
        return f"{self.url}: {self.rule} ({self.impact}) {self.help} — {', '.join(self.targets)}"


@dataclass
class AxeAudit:
    """Runs axe-core in the page (never through a script tag, which the Content-Security-Policy refuses).

    `page.evaluate` goes through the DevTools protocol, outside the page's CSP, so the policy the app sends
    stays as strict as in production and its violations still show as console errors.
    """

    page: Page
    violations: list[Violation] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    running: bool = False

    @contextlib.contextmanager
    def before_each_call(self):
        """Audit the page's current state before each call the test makes to Playwright (action, assertion, goto).

        A page cannot be audited once the browser started leaving it (evaluations wait for the next document),
        nor reliably on its load event (the test's next click races the audit), so the audit runs where the test
        waits anyway: before its next call, on whatever the page shows then (a new page, an htmx swap, an open
        dialog). Calls made by Playwright handlers, in their own greenlets, are left alone.
        """
        if not AXE_SCRIPT.exists():
            pytest.fail(f"axe-core is missing ({AXE_SCRIPT}): `make install` installs it with npm ci.")
        test_greenlet = greenlet.getcurrent()
        original = SyncBase._sync

        def audited(sync_base, awaitable):
            if greenlet.getcurrent() is test_greenlet:
                self.check()
            return original(sync_base, awaitable)

        SyncBase._sync = audited
        try:
            yield self
        finally:
            SyncBase._sync = original

    def check(self):
        """Audit the page as it is now, once per address and text shown."""
        if self.running or self.page.is_closed():
            return
        self.running = True
        try:
            self._check()
        except PlaywrightError as error:
            # A navigation began meanwhile: the page left was audited before the call that left it, the next
            # one is audited once loaded.
            if "Execution context was destroyed" not in error.message:
                self.failures.append(f"axe-core could not run on {self.page.url}: {error.message}")
        finally:
            self.running = False

    def _check(self):
        key = self.page.evaluate(STATE_KEY)
        if key is None or key in self.seen:
            return
        url = self.page.url
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            self.page.evaluate(axe_source())
        found = self.page.evaluate(RUN_AXE, [WCAG_TAGS, list(FAILING_IMPACTS)])
        self.seen.add(key)
        for item in found:
            violation = Violation(url, item["id"], item["impact"], item["help"], tuple(item["targets"]))
            if violation not in self.violations:
                self.violations.append(violation)

    def report(self) -> str:
        lines = [str(violation) for violation in self.violations] + self.failures
        return "accessibility (axe-core, serious or critical):\n" + "\n".join(lines) if lines else ""
