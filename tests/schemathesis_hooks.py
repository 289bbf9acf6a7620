"""schemathesis hooks for CI's petstore run (loaded by tests/schemathesis.toml).

Works around a schemathesis 4.32.5 coverage-phase defect, without loosening any check: a header
whose `pattern` needs a character other than a letter or digit (every `If-Match` value needs `*` or
`"`) gets no positive value in the coverage phase, so an *optional* such header is seeded with a
negative one (e.g. the integer 0, sent as `If-Match: 0`) that then rides along in cases still
labelled positive. Those requests are invalid by the document, and the function rightly answers
400, which `positive_data_acceptance` reports as a rejected valid request. A case carrying a
negative component is negative data: this hook labels it so, and `negative_data_rejection` then
checks that it is rejected.
"""

import schemathesis
from schemathesis.generation.modes import GenerationMode


@schemathesis.hook
def map_case(context, case):
    meta = case.meta
    if (
        meta is not None
        and meta.generation.mode.is_positive
        and any(component.mode.is_negative for component in meta.components.values())
    ):
        meta.generation.mode = GenerationMode.NEGATIVE
    return case
