"""Test data built through the services, as the pages build it."""

import copy

from capdev.assessments.services import framework_load

SMALL = {
    "slug": "small",
    "title": "Small framework",
    "scales": {
        "ynp": [
            {"value": "no", "label": "No", "score": 0},
            {"value": "partly", "label": "Partly", "score": 0.5},
            {"value": "yes", "label": "Yes", "score": 1},
            {"value": "na", "label": "Not applicable", "not_applicable": True},
        ]
    },
    "scoring": {"gap_threshold": 0.5},
    "levels": [
        {"code": "gold", "label": "Gold", "min_score": 80, "min_dimension_score": 50},
        {"code": "silver", "label": "Silver", "min_score": 70},
        {"code": "bronze", "label": "Bronze", "min_score": 60},
    ],
    "dimensions": [
        {
            "code": "a",
            "title": "Dimension A",
            "weight": 2,
            "benchmarks": [
                {
                    "code": "A1",
                    "title": "Benchmark A1",
                    "criteria": [
                        {"code": "a1", "text": "First", "scale": "ynp", "weight": 3},
                        {
                            "code": "a2",
                            "text": "Second",
                            "scale": "ynp",
                            "evidence": "required",
                        },
                    ],
                }
            ],
        },
        {
            "code": "b",
            "title": "Dimension B",
            "benchmarks": [
                {
                    "code": "B1",
                    "title": "Benchmark B1",
                    "criteria": [
                        {"code": "b1", "text": "Third", "scale": "ynp", "cepa_principle": 5},
                    ],
                }
            ],
        },
    ],
}


def small_definition() -> dict:
    return copy.deepcopy(SMALL)


def load_small(**changes):
    data = small_definition()
    data.update(changes)
    framework_load(data=data, source="small.yaml")
    from capdev.assessments.models import Framework

    return Framework.objects.get(slug=data["slug"], is_current=True)
