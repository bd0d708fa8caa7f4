"""Hostile names (each 1-80 characters, as a person's name may be) for every renderer and the app.

Each payload that could run script calls ``alert(1)`` (a dialog the browser fixtures catch) or sets
``window.__pwned``. They cover HTML tags and attribute breakouts, ``javascript:`` URLs, SVG and
MathML, ``</script>`` and ``</style>`` breakouts out of inline JSON, template syntax (Jinja,
JavaScript template literals, Angular/Vue), JSON and JS string breakouts, Unicode tricks (line and
paragraph separators, right-to-left override, fullwidth brackets, zero-width characters), and the
text ``href`` that flips pyvis to its ``innerHTML`` popup.
"""

from __future__ import annotations

PAYLOADS: list[str] = [
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><img src=x onerror=alert(1)></mtext></math>",
    "<iframe src=javascript:alert(1)>",
    "<a href=javascript:alert(1)>klik</a>",
    'href="javascript:alert(1)"',
    "<a href='#' onclick='alert(1)'>href</a>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    '" onmouseover="alert(1)" x="',
    "' onfocus='alert(1)' autofocus='",
    "javascript:alert(1)",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<style>*{background:url(//evil.example/x)}</style>",
    "</style><script>alert(1)</script>",
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "{{7*7}}",
    "{% raw %}{{ alert(1) }}{% endraw %}",
    "${alert(1)}",
    "`${alert(1)}`",
    "{{constructor.constructor('alert(1)')()}}",
    '"}]);alert(1);//',
    "');alert(1);//",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "Oma\u2028alert(1)\u2029",
    "\u202egnp.exe<img src=x onerror=alert(1)>",
    "＜script＞alert(1)＜/script＞",
    "<scr\u200bipt>alert(1)</scr\u200bipt>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<link rel=stylesheet href=http://evil.example/x.css>",
    "<meta http-equiv=refresh content='0;url=https://evil.example'>",
    "<base href=//evil.example/>",
    "<img src=//evil.example/pixel.png>",
    "<form action=javascript:alert(1)><button>OK</button></form>",
    "<x onpointerover=alert(1)>name</x>",
    "data:text/html,<script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<video><source onerror=alert(1)></video>",
    "<img src=x onerror=window.__pwned=1>",
    "__proto__",
    "constructor",
    "family",
]
"""At least 30 hostile names; all distinct, each at most 80 characters."""
