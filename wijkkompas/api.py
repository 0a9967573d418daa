"""The JSON API: one NinjaAPI, with a router per app. OpenAPI documentation at /api/docs."""

from django.views.decorators.http import require_safe
from ninja import NinjaAPI

from wijkkompas.core.api_errors import use_json_errors
from wijkkompas.core.throttling import SharedRateThrottle
from wijkkompas.indicators.api import router as indicators_router
from wijkkompas.participation.api import router as contributions_router
from wijkkompas.profiles.api import router as profiles_router
from wijkkompas.regions.api import router as regions_router
from wijkkompas.scores.api import router as scores_router
from wijkkompas.surveys.api import router as surveys_router
from wijkkompas.wijktoets.api import router as wijktoets_router

api = NinjaAPI(
    title="Wijkkompas API",
    version="1",
    description=(
        "Open figures about Dutch neighbourhoods: regions and their hierarchy, the indicator catalogue, "
        "values per region and year, neighbourhood profiles, composite scores and rankings. "
        "Sources: CBS and other open data (CC BY 4.0 where stated)."
    ),
    throttle=[SharedRateThrottle()],
    docs_decorator=require_safe,  # the operations themselves answer GET only
    urls_namespace="api",
)
api.add_router("/regions", regions_router)
api.add_router("/indicators", indicators_router)
api.add_router("/regions", profiles_router)  # GET /api/regions/{code}: the profile
api.add_router("/scores", scores_router)
api.add_router("/contributions", contributions_router)
api.add_router("/surveys", surveys_router)
api.add_router("/wijktoets", wijktoets_router)
use_json_errors(api)
