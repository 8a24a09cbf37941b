"""The brand settings' refusals (BrandError codes) in words, shown beside the form field."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..errors import Catalogue

MESSAGES = Catalogue({
    "bad-colour": _l("Write the colour as # and six hexadecimal digits, e.g. #2f6fb0 "
                     "(\"%(value)s\" is not one)."),
    "colour-too-light": _l("This colour is too light to read as text on white: its contrast is "
                           "%(ratio)s:1 and headings and links need at least %(needed)s:1. "
                           "Choose a darker shade."),
    "logo-empty": _l("The uploaded file is empty."),
    "logo-too-large": _l("The logo is %(size)d KB; the limit is %(limit)d KB. Save it smaller "
                         "(an SVG, or a PNG about 600 pixels wide) and upload it again."),
    "logo-not-image": _l("This file is not a PNG or SVG image. Upload the logo as a .png or "
                         ".svg file."),
    "logo-broken-png": _l("This PNG file is damaged or incomplete. Export the logo again and "
                          "upload the new file."),
    "svg-malformed": _l("This SVG file is not well-formed SVG. Export the logo again as plain "
                        "SVG."),
    "svg-doctype": _l("This SVG declares a DOCTYPE or entities, which a logo may not have. Export "
                      "it again as plain SVG."),
    "svg-script": _l("This SVG contains a script, which a logo may not have. Export it again "
                     "without scripts."),
    "svg-element": _l("This SVG contains an embedded document (<%(element)s>), which a logo may "
                      "not have."),
    "svg-handler": _l("This SVG contains an event handler (%(attribute)s), which a logo may not "
                      "have. Export it again without interactivity."),
    "svg-external": _l("This SVG refers to an outside file (%(reference)s); a logo must be "
                       "self-contained. Embed the image or export it again."),
})
message = MESSAGES.message
