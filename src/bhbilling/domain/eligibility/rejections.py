"""AAA rejections of a 271 turned into what the front desk should do next.

Source: 005010X279A1 AAA segments in loops 2000A/2100A (information source), 2100B
(information receiver), 2100C/2100D (subscriber/dependent) and 2110C/2110D (benefit
inquiry); AAA03 is element 901 (reject reason), AAA04 element 889 (follow-up action).
The table covers every AAA03 code those loops allow. The reason is a short paraphrase of
the code name; the action is ours: the plain next step for a biller, e.g. 72 "member id
not found: check the card". An unknown code still gives an action ("ask the payer").
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FOLLOW_UP_LABELS", "REJECT_REASONS", "RejectionAction", "explain_rejection"]

_RESEND = "correct it and check eligibility again"

REJECT_REASONS: dict[str, tuple[str, str]] = {
    "04": ("authorized quantity exceeded", "too many inquiries at once: wait, then send fewer"),
    "15": ("required application data missing",
           f"the inquiry lacked required data (member id, name, birth date, date of service): {_RESEND}"),
    "33": ("input errors", f"the payer found errors in the inquiry: review every field, {_RESEND}"),
    "35": ("out of network", "the provider is out of network for this member: check out-of-network benefits"),
    "41": ("authorization/access restrictions",
           "we may not ask this payer: check our enrollment with the payer or clearinghouse"),
    "42": ("unable to respond at current time", "the payer's system did not answer: try again later"),
    "43": ("invalid/missing provider identification",
           "provider NPI not recognised: check the NPI sent and the payer enrollment"),
    "44": ("invalid/missing provider name", "provider name not recognised: send the name as enrolled"),
    "45": ("invalid/missing provider specialty", "provider specialty refused: check the taxonomy sent"),
    "46": ("invalid/missing provider phone number", f"provider phone refused: {_RESEND}"),
    "47": ("invalid/missing provider state", f"provider state refused: {_RESEND}"),
    "48": ("invalid/missing referring provider identification number",
           f"referring provider id refused: {_RESEND}"),
    "49": ("provider is not primary care physician",
           "the payer wants the member's PCP to ask, or a referral from the PCP"),
    "50": ("provider ineligible for inquiries",
           "this provider may not check eligibility with the payer: complete payer enrollment"),
    "51": ("provider not on file",
           "provider not on file with the payer: complete enrollment or use the enrolled NPI"),
    "52": ("service dates not within provider plan enrollment",
           "the provider was not enrolled with the plan on that date: check enrollment dates"),
    "53": ("inquired benefit inconsistent with provider type",
           "the payer will not answer that service type for this provider type: ask for 30"),
    "54": ("inappropriate product/service id qualifier", f"procedure code qualifier refused: {_RESEND}"),
    "55": ("inappropriate product/service id", f"procedure code refused: {_RESEND}"),
    "56": ("inappropriate date", f"a date was refused: check the date of service, {_RESEND}"),
    "57": ("invalid/missing date(s) of service", f"date of service refused: {_RESEND}"),
    "58": ("invalid/missing date-of-birth", "birth date not accepted: check the patient's date of birth"),
    "60": ("date of birth follows date(s) of service", "birth date is after the date of service: check both"),
    "61": ("date of death precedes date(s) of service",
           "the payer records a date of death before the date of service: verify with the payer"),
    "62": ("date of service not within allowable inquiry period",
           "the payer does not answer for that date: ask for a date nearer today"),
    "63": ("date of service in future",
           "the payer does not answer for future dates: ask again nearer the session"),
    "64": ("invalid/missing patient id", "patient id not found: check the card"),
    "65": ("invalid/missing patient name", "patient name does not match: check spelling against the card"),
    "66": ("invalid/missing patient gender code", f"patient sex refused: {_RESEND}"),
    "67": ("patient not found", "patient not found: check name, birth date and member id against the card"),
    "68": ("duplicate patient id number", "more than one patient matches: send full name and birth date"),
    "69": ("inconsistent with patient's age",
           "the service does not fit the patient's age: check the service type"),
    "70": ("inconsistent with patient's gender",
           "the service does not fit the patient's sex: check the service type"),
    "71": ("patient birth date does not match that for the patient on the database",
           "birth date differs from the payer's records: check it with the patient"),
    "72": ("invalid/missing subscriber/insured id", "member id not found: check the card"),
    "73": ("invalid/missing subscriber/insured name",
           "subscriber name does not match: check spelling against the card"),
    "74": ("invalid/missing subscriber/insured gender code", f"subscriber sex refused: {_RESEND}"),
    "75": ("subscriber/insured not found",
           "subscriber not found: check member id, name and birth date against the card, "
           "or ask for the new card"),
    "76": ("duplicate subscriber/insured id number",
           "more than one member matches: send full name and birth date"),
    "77": ("subscriber found, patient not found",
           "subscriber found but not this patient: check the dependent's name and birth date"),
    "78": ("subscriber/insured not in group/plan identified",
           "member not in the group or plan sent: check the group number on the card"),
    "79": ("invalid participant identification",
           "payer or submitter id not recognised: check the payer id and clearinghouse set-up"),
    "80": ("no response received - transaction terminated", "no answer from the payer: try again later"),
    "97": ("invalid or missing provider address", f"provider address refused: {_RESEND}"),
    "98": ("experimental service or procedure",
           "the payer treats the service as experimental: ask the payer"),
    "AA": ("authorization number not found", "authorization number not found: check it with the payer"),
    "AE": ("requires primary care physician authorization", "get a referral or authorization from the PCP"),
    "AF": ("invalid/missing diagnosis code(s)", f"diagnosis code refused: {_RESEND}"),
    "AG": ("invalid/missing procedure code(s)", f"procedure code refused: {_RESEND}"),
    "AO": ("additional patient condition information required",
           "the payer needs clinical information: call the payer"),
    "CI": ("certification information does not match patient",
           "authorization belongs to another patient: check it"),
    "E8": ("requires medical review", "the payer will review medical records before answering"),
    "IA": ("invalid authorization number format", f"authorization number format refused: {_RESEND}"),
    "MA": ("missing authorization", "an authorization is needed: request one before the session"),
    "T4": ("payer name or identifier missing", "payer id missing or wrong: check the payer set-up"),
}

FOLLOW_UP_LABELS: dict[str, str] = {
    "C": "please correct and resubmit",
    "N": "resubmission not allowed",
    "P": "please resubmit original transaction",
    "R": "resubmission allowed",
    "S": "do not resubmit; inquiry initiated to a third party",
    "W": "please wait 30 days and resubmit",
    "X": "please wait 10 days and resubmit",
    "Y": "do not resubmit; we will hand off to you",
}


@dataclass(frozen=True, slots=True)
class RejectionAction:
    """One AAA in plain words: where (loop), the code and its reason, the action to take,
    and the payer's follow-up instruction (AAA04). `valid_request` is AAA01: False means
    the payer could not read the request itself."""

    loop: str
    code: str
    reason: str
    action: str
    follow_up_code: str = ""
    follow_up: str = ""
    valid_request: bool = True


def explain_rejection(loop: str, code: str, follow_up: str = "",
                      valid_request: bool = True) -> RejectionAction:
    """The plain action for AAA03 `code`; unknown codes ask the biller to call the payer."""
    reason, action = REJECT_REASONS.get(
        code, (f"reject reason {code}", "the payer refused the inquiry: call the payer"))
    return RejectionAction(loop, code, reason, action, follow_up,
                           FOLLOW_UP_LABELS.get(follow_up, ""), valid_request)
