"""One-off label update for tests/search/ after the FAQ rewrite and the coverage pages (issue 15).

Why labels changed, and only these ways:

1. The FAQ was rewritten as a short index (commit 9d1662e): 40 of its old headings are gone
   or renamed. Each old anchor is replaced by the FAQ entry that now says the same thing,
   or, where the FAQ no longer says it, by the article section that does (``FAQ_MOVED``).
2. The coverage pages of issue 18 now exist, so ``pending: true`` is dropped from every
   question whose pages are all built.
3. Where a new page's section says the same as a location already listed for a question,
   that section is added too (``ALSO``): a question answered by X is answered by Y.
4. Tune questions only (``TUNE_REVIEW``): pending questions, and questions a new page now
   answers, were read one by one and the sections of the new pages that answer them
   added. The holdout questions are never read or printed: they get 1-3 only, so their
   labels on the new pages stay page-level (stricter: only the page's opening counts).

Applied to both files by rewriting only the ``answers:`` and ``pending:`` lines; prints
counts only. Needs a built site to check every label exists::

    .venv/bin/python scripts/search_relabel.py --site /tmp/tune-site [--dry-run]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import search_eval as se

FAQ_MOVED: dict[str, tuple[str, ...]] = {
    "should-i-end-the-contract-myself-or-wait-for-the-client-to-do-it": (
        "faq.md#should-i-end-the-contract-myself-or-wait-for-the-client",
    ),
    "how-do-i-end-a-freelancers-contract-as-a-client": (
        "faq.md#how-do-i-cancel-or-close-a-contract-on-upwork",
    ),
    "what-happens-to-my-work-diary-when-an-hourly-contract-ends": (
        "faq.md#what-happens-when-a-contract-ends",
        "freelancer/end-hourly.md#what-happens-to-my-work-diary-when-the-contract-ends",
    ),
    "how-do-i-end-an-hourly-contract-as-a-client": ("faq.md#how-do-i-cancel-or-close-a-contract-on-upwork",),
    "what-is-hourly-payment-protection-and-what-do-i-need-for-it": (
        "faq.md#what-is-hourly-payment-protection-and-what-does-it-cover",
    ),
    "is-manual-time-protected-if-the-client-doesnt-pay": (
        "faq.md#what-is-hourly-payment-protection-and-what-does-it-cover",
        "basics/payment-protection.md#what-does-hourly-payment-protection-not-cover",
    ),
    "can-i-remove-hours-so-the-client-isnt-billed-for-them": (
        "freelancer/end-hourly.md#what-happens-to-my-work-diary-when-the-contract-ends",
    ),
    "what-happens-to-hours-over-the-weekly-limit": (
        "basics/payment-protection.md#what-does-hourly-payment-protection-not-cover",
    ),
    "what-happens-to-the-escrow-if-i-end-a-fixed-price-contract-as-the-freelancer": (
        "faq.md#what-happens-to-the-escrow-if-i-end-a-fixed-price-contract",
    ),
    "how-do-i-end-a-fixed-price-contract-and-get-the-escrow-back-as-a-client": (
        "faq.md#how-do-i-end-a-fixed-price-contract-and-get-the-escrow-back",
    ),
    "should-i-start-work-before-the-milestone-is-funded": ("faq.md#what-is-escrow-or-project-funds",),
    "how-do-i-pay-out-the-rest-of-the-escrow-before-ending": (
        "basics/escrow-and-milestones.md#how-does-a-client-pay-whats-left-before-ending",
    ),
    "how-do-i-get-my-money-back-from-escrow": (
        "faq.md#how-do-i-end-a-fixed-price-contract-and-get-the-escrow-back",
    ),
    "will-an-escrow-refund-request-take-money-from-my-balance": (
        "faq.md#the-client-sent-an-escrow-refund-request-how-long-do-i-have",
    ),
    "how-do-i-give-a-client-a-partial-refund": (
        "faq.md#the-client-wants-a-refund-but-ive-already-been-paid-do-i-have-to-give-it",
    ),
    "can-i-refund-the-client-by-paypal-or-bank-transfer-instead": (
        "faq.md#the-client-wants-a-refund-but-ive-already-been-paid-do-i-have-to-give-it",
    ),
    "how-much-does-arbitration-cost": (
        "faq.md#how-much-does-arbitration-cost-and-what-if-one-side-wont-pay",
    ),
    "what-happens-if-one-side-wont-pay-for-arbitration": (
        "faq.md#how-much-does-arbitration-cost-and-what-if-one-side-wont-pay",
    ),
    "can-a-client-get-back-money-already-released-on-a-fixed-price-contract": (
        "faq.md#can-i-get-back-money-already-released-on-a-fixed-price-contract",
    ),
    "how-long-does-mediation-take": (
        "basics/disputes-mediation-arbitration.md#how-does-a-fixed-price-dispute-work",
    ),
    "how-long-do-we-have-to-leave-feedback-after-a-contract-ends": (
        "faq.md#how-long-do-we-have-to-leave-feedback",
    ),
    "can-the-other-side-see-my-feedback-before-they-leave-theirs": (
        "faq.md#how-long-do-we-have-to-leave-feedback",
        "basics/feedback.md#who-sees-my-feedback-and-when",
    ),
    "i-missed-the-14-day-feedback-window-can-i-still-leave-feedback": (
        "faq.md#how-long-do-we-have-to-leave-feedback",
    ),
    "do-clients-still-give-private-feedback": (
        "basics/feedback.md#what-does-the-clients-review-include-now",
    ),
    "is-it-bad-to-end-a-contract-with-no-payment-does-it-hurt-my-jss": (
        "faq.md#is-it-bad-to-end-a-contract-with-no-payment",
    ),
    "does-giving-a-refund-hurt-my-jss": ("faq.md#do-refunds-or-disputes-hurt-my-jss",),
    "will-a-dispute-hurt-my-jss": ("faq.md#do-refunds-or-disputes-hurt-my-jss",),
    "does-the-feedback-i-leave-for-a-client-change-my-own-jss": (
        "freelancer/feedback-and-jss.md#what-doesnt-count-against-me",
    ),
    "my-fixed-price-contract-closed-for-inactivity-what-now": (
        "basics/pause-end-inactive.md#can-an-auto-closed-contract-be-reopened",
    ),
    "do-messages-count-as-activity-on-a-fixed-price-contract": (
        "faq.md#will-upwork-close-a-contract-nobody-is-using",
    ),
    "can-i-end-a-contract-that-is-paused": ("faq.md#upwork-paused-my-contract-can-i-keep-working",),
    "how-do-i-hire-the-same-freelancer-again-after-the-contract-ended": (
        "faq.md#can-i-reopen-a-contract-after-it-has-ended",
    ),
    "moving-off-upwork-and-fees": ("faq.md#working-outside-upwork-and-fees",),
    "can-i-keep-working-with-my-client-outside-upwork-after-the-contract-ends": (
        "faq.md#can-we-keep-working-together-outside-upwork-after-the-contract-ends",
    ),
    "what-is-the-upwork-conversion-fee": (
        "faq.md#can-we-keep-working-together-outside-upwork-after-the-contract-ends",
    ),
    "the-client-asked-me-to-work-and-get-paid-outside-upwork-what-should-i-do": (
        "faq.md#can-we-keep-working-together-outside-upwork-after-the-contract-ends",
    ),
    "do-i-pay-a-fee-if-the-contract-ends-with-nothing-paid": (
        "faq.md#what-fees-does-upwork-take-and-is-there-a-fee-if-nothing-was-paid",
    ),
    "what-fees-does-upwork-take": (
        "faq.md#what-fees-does-upwork-take-and-is-there-a-fee-if-nothing-was-paid",
    ),
    "special-cases-agencies-enterprise-project-catalog": (
        "faq.md#agencies-enterprise-catalog-and-direct-contracts",
    ),
    "can-i-ask-an-agency-freelancer-for-a-refund": ("faq.md#can-i-get-a-refund-from-an-agency",),
}

_AFTER = "basics/after-the-end.md#"
_BACK = "freelancer/client-wants-escrow-back.md#"
_ALL_BACK = _BACK + "the-client-ended-the-contract-and-wants-it-all-back-what-now"
#: A location already listed -> new-page sections that say the same thing.
ALSO: dict[str, tuple[str, ...]] = {
    "freelancer/get-paid-after-ending.md#what-if-the-client-files-a-chargeback": (
        "basics/chargebacks.md#freelancers-a-client-filed-a-chargeback-am-i-protected",
    ),
    "faq.md#can-i-cancel-a-project-catalog-order-as-the-freelancer": (
        "basics/project-catalog.md#freelancer-can-i-cancel-an-order",
    ),
    "faq.md#can-i-cancel-a-project-catalog-project-i-bought": (
        "basics/project-catalog.md#client-will-i-get-my-money-back",
    ),
    "faq.md#can-we-move-our-contract-to-any-hire": (
        "basics/direct-contracts-and-any-hire.md#what-is-any-hire",
    ),
    "basics/moving-off-platform.md#can-we-move-to-any-hire-instead": (
        "basics/direct-contracts-and-any-hire.md#what-is-any-hire",
    ),
    "glossary.md#any-hire": ("basics/direct-contracts-and-any-hire.md#what-is-any-hire",),
    "faq.md#who-can-end-an-agency-contract": ("basics/agency-contracts.md#who-can-end-an-agency-contract",),
    "faq.md#im-leaving-an-agency-what-happens-to-my-contracts": (
        "basics/agency-contracts.md#im-leaving-an-agency-what-happens-to-my-contracts",
    ),
    "faq.md#can-i-get-a-refund-from-an-agency": (
        "basics/agency-contracts.md#client-how-do-i-get-a-refund-from-an-agency",
    ),
    "faq.md#what-happened-to-direct-contracts-in-2024": (
        "basics/direct-contracts-and-any-hire.md#what-changed-for-direct-contracts-in-2024",
    ),
    "faq.md#can-i-dispute-a-direct-contract": (
        "basics/direct-contracts-and-any-hire.md#can-i-dispute-a-direct-contract",
    ),
    "faq.md#will-i-still-get-tax-forms": ("freelancer/after-your-last-contract.md#do-i-still-get-tax-forms",),
    "faq.md#what-do-cancelled-and-completed-mean": (_AFTER + "what-do-cancelled-and-completed-mean",),
    "faq.md#what-happens-when-a-contract-ends": (_AFTER + "what-does-each-side-see-after-the-end",),
    "freelancer/end-a-contract.md#what-happens-when-i-end-it": (
        _AFTER + "what-does-each-side-see-after-the-end",
    ),
    "basics/reopen-or-rehire.md#i-ended-the-contract-by-mistake-what-now": (_AFTER + "ended-by-mistake",),
    "basics/reopen-or-rehire.md#why-cant-i-reopen-it": (
        _AFTER + "can-we-reopen-the-contract-or-work-together-again",
    ),
    "faq.md#can-i-reopen-a-contract-after-it-has-ended": (
        _AFTER + "can-we-reopen-the-contract-or-work-together-again",
    ),
    "freelancer/end-fixed-price.md#how-do-i-dispute-an-escrow-refund-request": (
        _BACK + "how-do-i-dispute-the-refund-request",
    ),
    "freelancer/end-fixed-price.md#how-long-do-i-have-to-answer-an-escrow-refund-request": (_ALL_BACK,),
    "faq.md#the-client-sent-an-escrow-refund-request-how-long-do-i-have": (_ALL_BACK,),
    "freelancer/end-fixed-price.md#what-if-the-client-ends-the-contract-first": (_ALL_BACK,),
    "client/end-fixed-price.md#can-i-pay-only-part-of-a-milestone": (
        "client/cancel-a-milestone.md#i-want-to-keep-the-contract-but-not-pay-the-full-milestone-what-can-i-do",
    ),
    "faq.md#can-i-release-only-part-of-a-milestone": (
        "client/cancel-a-milestone.md#i-want-to-keep-the-contract-but-not-pay-the-full-milestone-what-can-i-do",
    ),
    "faq.md#can-i-get-back-money-already-released-on-a-fixed-price-contract": (
        _BACK + "the-money-was-already-released-can-the-client-still-get-it-back",
    ),
    "client/ask-for-a-refund.md#can-i-get-a-refund-after-the-money-was-released": (
        _BACK + "the-money-was-already-released-can-the-client-still-get-it-back",
    ),
}

_HOLD = "basics/suspended-or-on-hold.md#"
_MS = "client/cancel-a-milestone.md#"
_CB = "basics/chargebacks.md#"
_OWN = "basics/who-owns-the-work.md#"
_THREAT = "freelancer/feedback-threat.md#"
_AG = "basics/agency-contracts.md#"
_PC = "basics/project-catalog.md#"
_LAST = "freelancer/after-your-last-contract.md#"
#: Tune questions read one by one (question text -> sections added). Holdout: never.
TUNE_REVIEW: dict[str, tuple[str, ...]] = {
    "my upwork account got suspended in the middle of 3 active contracts, what happens to them and to the "
    "money in escrow? i cant even message my clients": (  # codespell:ignore
        _HOLD + "what-happens-to-logged-hours-escrow-and-feedback",
        _HOLD + "my-own-account-is-on-hold-what-can-i-still-do",
    ),
    "contract shows on hold and upwork wont tell me why. "  # codespell:ignore
    "client says his side is fine. how long does a hold last and do i keep working?": (
        _HOLD + "whose-account-has-the-problem",
        _HOLD + "freelancers-the-clients-account-has-a-problem-what-do-i-do",
    ),
    "client cancelled the project after i finished half of milestone 2 and now wants the whole milestone "
    "escrow back. do i have to agree? can i keep half?": (
        _ALL_BACK,
        _BACK + "can-i-offer-to-split-the-escrow",
    ),
    "got an escrow refund request for the full milestone but I already did 60% of the work, client says he "
    "changed his mind about the project. what should I do": (
        _ALL_BACK,
        _BACK + "can-i-offer-to-split-the-escrow",
        _BACK + "should-i-just-give-it-all-back",
    ),
    "can i cancel just one milestone and not the whole contract? freelancer is doing great on the others but "
    "we dont need the last part anymore": (
        _MS + "is-the-milestone-funded-yet",
        _MS + "how-do-i-delete-a-future-milestone",
        _MS + "should-i-end-one-milestone-or-the-whole-contract",
    ),
    "client: I funded milestone 3 by mistake, can I un-fund it or get it refunded while the contract stays "
    "active?": (
        _MS + "is-the-milestone-funded-yet",
        _MS + "how-do-i-get-one-milestones-escrow-back",
        _MS + "what-happens-to-leftover-funds",
    ),
    "client did a chargeback with his bank 2 months after paying me, now my balance is negative "
    "and i cant withdraw. is this even allowed? what can i do": (  # codespell:ignore
        _CB + "freelancers-a-client-filed-a-chargeback-am-i-protected",
        _CB + "freelancers-what-should-i-do-now",
        "freelancer/get-paid-after-ending.md#what-if-the-client-files-a-chargeback",
    ),
    "what happens if I dispute the charge with my credit card company instead of going through upwork? "
    "freelancer delivered nothing and support is slow": (
        _CB + "clients-what-happens-if-i-file-a-chargeback",
        _CB + "clients-what-should-i-do-instead",
    ),
    "If I refund the client in full, does the copyright of the work come back to me? he keeps using my "
    "designs on his site": (_OWN + "i-gave-a-full-refund-who-owns-the-work-now",),
    "client paid only half and ended the contract. can he legally use the code I wrote for the "
    "unpaid part?": (
        _OWN + "the-client-ended-without-paying-can-they-use-my-work",
        _OWN + "what-about-a-partial-payment-or-a-partial-refund",
        _OWN + "what-do-upworks-terms-say",
        _BACK + "what-about-the-work-i-already-sent",
    ),
    "as a client, do i still own the files if i paid the milestone but then the freelancer refunded me? we "
    "want to keep using them": (_OWN + "i-gave-a-full-refund-who-owns-the-work-now",),
    "client says he'll leave a 1 star review unless i refund 50%. this is blackmail right? what can "
    "i do, can i report him": (
        _THREAT + "is-the-client-allowed-to-do-this",
        _THREAT + "what-should-i-do-first",
        "templates.md#replying-to-a-client-who-threatens-a-bad-review-freelancer",
    ),
    "client here, we hired an agency and the person doing the work left the agency. what happens to our "
    "contract?": (_AG + "im-leaving-an-agency-what-happens-to-my-contracts",),
    "agency owner: a client wants a refund on a contract done by a team member who already left us, who pays "
    "it?": (
        _AG + "who-gets-paid-when-an-agency-contract-ends",
        _AG + "client-how-do-i-get-a-refund-from-an-agency",
    ),
    "project catalog order - client sent requirements 3 days ago and they are way beyond the package. can i "
    "still cancel without a JSS hit?": (_PC + "freelancer-can-i-cancel-an-order",),
    "bought a catalog project, freelancer delivered something useless. how do I get a refund, its been a "
    "week": (_PC + "client-will-i-get-my-money-back", _PC + "client-how-do-i-cancel-an-order"),
    "what happens if the client never sends requirements for a project catalog order? been waiting 2 days": (
        _PC + "client-will-i-get-my-money-back",
    ),
    "after the contract ends can we still message each other? i want to ask the client for a referral": (
        _AFTER + "can-i-still-message-them-after-the-end",
        "faq.md#will-the-other-side-know-i-ended-it-can-we-still-message",
    ),
    "client ended contract and it shows 'cancelled' in my work history, not completed. does that look bad? "
    "whats the difference": (  # codespell:ignore
        _AFTER + "what-do-cancelled-and-completed-mean",
        "faq.md#what-do-cancelled-and-completed-mean",
    ),
    "I brought my own client through direct contracts before 2024, did the fees change? my old contract "
    "closed by itself in april": (
        "basics/direct-contracts-and-any-hire.md#what-changed-for-direct-contracts-in-2024",
        "faq.md#what-happened-to-direct-contracts-in-2024",
    ),
    "do i still get a 1099 tax form if i closed my upwork account in the middle of the year?": (
        _LAST + "do-i-still-get-tax-forms",
        "faq.md#will-i-still-get-tax-forms",
    ),
    "i want to take a long break from freelancing, should i close my account or just leave it? what happens "
    "to my JSS and reviews": (
        _LAST + "what-happens-to-my-profile-and-reviews",
        _LAST + "how-do-i-close-my-upwork-account",
    ),
    "escrow back half done": (
        _ALL_BACK,
        _BACK + "can-i-offer-to-split-the-escrow",
        _MS + "the-freelancer-did-part-of-the-work-what-is-fair",
    ),
    "cancel one milestone": (
        _MS + "is-the-milestone-funded-yet",
        _MS + "how-do-i-delete-a-future-milestone",
        _MS + "should-i-end-one-milestone-or-the-whole-contract",
    ),
    "unfund milestone": (
        _MS + "is-the-milestone-funded-yet",
        _MS + "how-do-i-get-one-milestones-escrow-back",
    ),
    "chargeback": (
        _CB + "what-is-a-chargeback",
        "glossary.md#chargeback",
        "freelancer/get-paid-after-ending.md#what-if-the-client-files-a-chargeback",
    ),
    "payment reversed chargeback": (
        _CB + "what-is-a-chargeback",
        _CB + "freelancers-a-client-filed-a-chargeback-am-i-protected",
        "freelancer/get-paid-after-ending.md#what-if-the-client-files-a-chargeback",
    ),
    "feedback blackmail": (_THREAT + "is-the-client-allowed-to-do-this", _THREAT + "what-should-i-do-first"),
    "threatening bad review": (
        _THREAT + "is-the-client-allowed-to-do-this",
        _THREAT + "what-should-i-do-first",
        "templates.md#replying-to-a-client-who-threatens-a-bad-review-freelancer",
    ),
    "project catalog cancel": (
        _PC + "client-how-do-i-cancel-an-order",
        _PC + "freelancer-can-i-cancel-an-order",
    ),
    "catalog order refund": (_PC + "client-will-i-get-my-money-back",),
    "message after contract ended": (
        _AFTER + "can-i-still-message-them-after-the-end",
        "faq.md#will-the-other-side-know-i-ended-it-can-we-still-message",
    ),
    "cancelled vs completed": (
        _AFTER + "what-do-cancelled-and-completed-mean",
        "faq.md#what-do-cancelled-and-completed-mean",
        "glossary.md#cancelled-contract",
        "glossary.md#completed-contract",
    ),
    "any hire": ("faq.md#can-we-move-our-contract-to-any-hire",),
    "close upwork account": (
        _LAST + "how-do-i-close-my-upwork-account",
        "faq.md#how-do-i-withdraw-my-money-and-close-my-account",
    ),
    "1099 tax form": (
        _LAST + "do-i-still-get-tax-forms",
        "faq.md#will-i-still-get-tax-forms",
        "glossary.md#form-1099-k",
    ),
    # Not pending, but a new page now answers them too.
    "if i end the contract what happens?? does the client get notified, does my work diary lock, do i still "
    "get paid for last week": (_AFTER + "will-the-other-side-know-i-ended-the-contract",),
    "can i pay only part of a milestone? freelancer did about half the work": (
        _MS + "the-freelancer-did-part-of-the-work-what-is-fair",
    ),
    "the client wants to end and pay only half the escrow even though i finished. what are my rights": (
        _ALL_BACK,
    ),
    "I bought a project catalog project and the freelancer hasnt started. "  # codespell:ignore
    "can i cancel and get full refund?": (
        _PC + "client-how-do-i-cancel-an-order",
    ),
    "been freelancing 3 yrs, first time this happens: client ended fixed price contract, chose to pay $0 and "
    "requested refund of the whole $900 escrow. I delivered everything last week via messages. do I have a "
    "chance in a dispute? how long do i have to file": (_ALL_BACK,),
}


def relabel(answers: list[str], *, review: tuple[str, ...] = ()) -> tuple[list[str], dict[str, int]]:
    """New answers for one case and what changed (counts)."""
    counts = {"moved": 0, "also": 0, "reviewed": 0}
    out: list[str] = []
    for a in answers:
        page, _, anchor = a.partition("#")
        if page == "faq.md" and anchor in FAQ_MOVED:
            out += FAQ_MOVED[anchor]
            counts["moved"] += 1
        else:
            out.append(a)
    for b in review:
        if b not in out:
            out.append(b)
            counts["reviewed"] += 1
    for a in list(out):
        for b in ALSO.get(a, ()):
            if b not in out:
                out.append(b)
                counts["also"] += 1
    return list(dict.fromkeys(out)), counts


def _block_text(q_lines: list[str], answers: list[str], pending: bool) -> list[str]:
    lines = q_lines + ["  answers:\n"] + [f"  - {a}\n" for a in answers]
    return lines + (["  pending: true\n"] if pending else [])


def rewrite(path: Path, set_name: str, docs: Path, *, dry_run: bool) -> dict[str, int]:
    """Rewrite one file's answers and pending lines; return counts (nothing else)."""
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    data = yaml.safe_load("".join(text))
    header: list[str] = []
    blocks: list[list[str]] = []
    for line in text:
        if line.startswith("- q:"):
            blocks.append([line])
        elif blocks:
            blocks[-1].append(line)
        else:
            header.append(line)
    assert len(blocks) == len(data), f"{path.name}: block count differs from the YAML"
    totals = {"cases": len(data), "changed": 0, "moved": 0, "also": 0, "reviewed": 0, "unpended": 0}
    used_review = 0
    out = list(header)
    expected = []
    for block, case in zip(blocks, data, strict=True):
        q_lines = block[: next(i for i, ln in enumerate(block) if ln.startswith("  answers:"))]
        review = TUNE_REVIEW.get(case["q"], ()) if set_name == "tune" else ()
        used_review += bool(review)
        answers, counts = relabel(case["answers"], review=review)
        pending = bool(case.get("pending"))
        if pending and all((docs / a.partition("#")[0]).is_file() for a in answers):
            pending = False
            totals["unpended"] += 1
        for k, v in counts.items():
            totals[k] += v
        totals["changed"] += answers != case["answers"] or pending != bool(case.get("pending"))
        out += _block_text(q_lines, answers, pending)
        expected.append({"q": case["q"], "answers": answers, **({"pending": True} if pending else {})})
    new_text = "".join(out)
    assert yaml.safe_load(new_text) == expected, f"{path.name}: rewrite does not parse back as intended"
    if set_name == "tune":
        assert used_review == len(TUNE_REVIEW), "a reviewed tune question was not found"
    if not dry_run:
        path.write_text(new_text, encoding="utf-8")
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="a built site, to check every label")
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    docs = se.ROOT / "docs"
    for name in se.SET_NAMES:
        totals = rewrite(se.DATA_DIR / f"{name}.yml", name, docs, dry_run=args.dry_run)
        print(name, " ".join(f"{k}={v}" for k, v in totals.items()))
    if args.dry_run:
        return 0
    site = se.Site(args.site, docs)
    for name in se.SET_NAMES:
        cases = se.load_cases(se.DATA_DIR / f"{name}.yml", name)
        bad = 0
        for case in cases:
            try:
                se.accepted_locations(case, site)
            except se.DataError as exc:
                bad += 1
                if name == "tune":
                    print("  ", exc)
        print(name, f"labels that do not exist in the built site: {bad}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
