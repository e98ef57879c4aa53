"""The registry of appealable decisions: every decision a family can appeal to the First-tier
Tribunal (Children and Families Act 2014, section 51(2)) and the notice the law attaches to it.

Each kind has a letter template (`notices/letters/<id>.html`) and a content test; a test fails if
either is missing (tests/notices/test_kinds.py), so a new appealable decision cannot ship without
its letter. Decisions a family cannot appeal (to assess, to issue) are not here.
"""

import dataclasses
import enum


class Subject(enum.Enum):
    """What a notice belongs to: an assessment request (a case) or an EHC plan."""

    CASE = "case"
    PLAN = "plan"


@dataclasses.dataclass(frozen=True)
class NoticeKind:
    id: str
    # The decision as a title, for lists and the API.
    title: str
    # Completes "Decision about <child>: ", in the council's voice.
    phrase: str
    # The regulation that says what the notice must contain.
    regulation: str
    # The family's right of appeal, and what they can appeal, in plain English.
    appeal_right: str
    appeal_about: str
    subject: Subject
    # The final and amended final plans are sent with the notice: it names the plan version.
    needs_version: bool = False
    # An appeal only about the school or college named (Section I) needs no mediation certificate
    # (Children and Families Act 2014, section 55; section 51(2)(c)(iii) and (iv)).
    section_i_exempt: bool = False
    # The Tribunal can also make non-binding recommendations about health and social care in
    # appeals under section 51(2)(b) to (f) (the 2017 Recommendations Power Regulations).
    recommendations: bool = True

    @property
    def template(self) -> str:
        return f"notices/letters/{self.id}.html"


KINDS: dict[str, NoticeKind] = {
    k.id: k
    for k in (
        NoticeKind(
            id="refuse_assess",
            title="Decision not to carry out an EHC needs assessment",
            phrase="we will not carry out an EHC needs assessment",
            regulation="SEND Regulations 2014, regulation 5(3)",
            appeal_right="Children and Families Act 2014, section 51(2)(a)",
            appeal_about="our decision not to carry out an EHC needs assessment",
            subject=Subject.CASE,
            recommendations=False,
        ),
        NoticeKind(
            id="refuse_issue",
            title="Decision not to issue an EHC plan",
            phrase="we will not issue an EHC plan",
            regulation="SEND Regulations 2014, regulation 10(3)",
            appeal_right="Children and Families Act 2014, section 51(2)(b)",
            appeal_about="our decision that an EHC plan is not necessary",
            subject=Subject.CASE,
        ),
        NoticeKind(
            id="final_plan",
            title="Final EHC plan issued",
            phrase="we have issued the final EHC plan",
            regulation="SEND Regulations 2014, regulation 14",
            appeal_right="Children and Families Act 2014, section 51(2)(c)",
            appeal_about=(
                "the special educational needs described in Section B, the special educational "
                "provision in Section F, and the school or college named in Section I (or that none is named)"
            ),
            subject=Subject.PLAN,
            needs_version=True,
            section_i_exempt=True,
        ),
        NoticeKind(
            id="amended_final",
            title="Amended EHC plan issued",
            phrase="we have issued the amended EHC plan",
            regulation="SEND Regulations 2014, regulation 22(5) (and regulation 27 after a re-assessment)",
            appeal_right="Children and Families Act 2014, section 51(2)(c)",
            appeal_about=(
                "Sections B, F and I of the amended plan: the special educational needs, the special "
                "educational provision and the school or college named (or that none is named)"
            ),
            subject=Subject.PLAN,
            needs_version=True,
            section_i_exempt=True,
        ),
        NoticeKind(
            id="no_amend",
            title="Decision not to amend the EHC plan",
            phrase="we will not amend the EHC plan",
            regulation=(
                "SEND Regulations 2014, regulation 22(4) and (5) (and regulation 27 after a re-assessment)"
            ),
            appeal_right="Children and Families Act 2014, section 51(2)(e)",
            appeal_about=(
                "our decision not to amend or replace the EHC plan after the review or re-assessment"
            ),
            subject=Subject.PLAN,
        ),
        NoticeKind(
            id="cease",
            title="Decision to stop the EHC plan",
            phrase="we will stop maintaining the EHC plan",
            regulation="SEND Regulations 2014, regulation 31(3)",
            appeal_right="Children and Families Act 2014, section 51(2)(f)",
            appeal_about="our decision to stop maintaining the EHC plan",
            subject=Subject.PLAN,
        ),
        NoticeKind(
            id="refuse_reassess",
            title="Decision not to carry out a re-assessment",
            phrase="we will not carry out a re-assessment",
            regulation="SEND Regulations 2014, regulation 25",
            appeal_right="Children and Families Act 2014, section 51(2)(d)",
            appeal_about="our decision not to carry out a re-assessment of your child's needs",
            subject=Subject.PLAN,
        ),
    )
}

KIND_CHOICES = [(k.id, k.title) for k in KINDS.values()]


def kind(kind_id: str) -> NoticeKind:
    return KINDS[kind_id]
