"""The report worker's warm-up compiles every report template ahead of the first report (the first
PDF after start-up paid ~0.4 s for it) and builds plotly figures of the report's chart kinds."""
from readiness.report import services


def test_warm_up_report_compiles_every_report_template():
    services.warm_up_report()
    cache = services._environment().cache
    names = {path.name for path in services.REPORTS_DIR.glob("*.html")}
    assert names and all(any(key[1] == name for key in cache) for name in names)
