"""Deal descriptions read from raw text: who buys whom."""

import pytest

from clearance.pipeline.deals import Deal, find_deals


@pytest.mark.parametrize(
    ("text", "deal"),
    [
        (
            "Quillon Software's restructured £4.2 billion acquisition of video game developer "
            "Brightforge was cleared.",
            Deal("Quillon Software", "Brightforge"),
        ),
        (
            "Norvane Systems' 8.4 billion euro ($9.1 billion) acquisition of Dutch lithography "
            "equipment maker Kestrel Lithography",
            Deal("Norvane Systems", "Kestrel Lithography"),
        ),
        (
            "the $12 billion merger of US chip-design software makers Cadenza Systems and Siltrace",
            Deal("Cadenza Systems", "Siltrace"),
        ),
        (
            "Tidewell agreed to buy rival container lessor Boxmark in May.",
            Deal("Tidewell", "Boxmark"),
        ),
    ],
)
def test_finds_the_deal(text: str, deal: Deal) -> None:
    assert deal in find_deals(text)


def test_no_deal_in_plain_news() -> None:
    assert find_deals("Shares of Alpha rose 3% after the company raised its forecast.") == []
