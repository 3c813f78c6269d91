"""`urllib`: the package of URL modules. apy provides `urllib.parse`.

Not provided: `urllib.request`, `urllib.response`, `urllib.error`,
`urllib.robotparser`.
"""
