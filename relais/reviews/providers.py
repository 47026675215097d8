"""What the reviews give the conventions' pages: the review's entry on the convention page, and the rule that
once a period's review exists, only its decision renews the convention."""

from django.urls import reverse

from relais.conventions.hooks import DETAIL_SECTIONS, RENEWAL_CHECKS, DetailSection, SectionRow
from relais.reviews.enums import RENEWING, ReviewStatus
from relais.reviews.models import Review


@DETAIL_SECTIONS.register
def review_section(convention, scope) -> DetailSection:
    review = Review.objects.filter(convention=convention).first()
    url = reverse("reviews:detail", args=[convention.pk])
    if review is None:
        row = SectionRow("Bilan de la période (chiffres en direct)", url, status="Non ouvert")
    else:
        row = SectionRow(
            "Bilan de la période",
            url,
            when=review.computed_at,
            detail=review.get_decision_display() if review.decision else "",
            status=review.get_status_display(),
        )
    return DetailSection(
        "Bilan annuel (COPIL)",
        rows=(row,),
        more_url=url,
        more_label="Ouvrir le bilan annuel",
    )


@RENEWAL_CHECKS.register
def renewal_rests_on_the_review(convention) -> str | None:
    review = Review.objects.filter(convention=convention).only("status", "decision").first()
    if review is None or (review.status == ReviewStatus.DECIDED and review.decision in RENEWING):
        return None
    return (
        "Le renouvellement de cette convention se décide dans son bilan annuel : ouvrez « Bilan annuel (COPIL) » "
        "sur la page de la convention, arrêtez les chiffres, enregistrez le COPIL puis sa décision."
    )
