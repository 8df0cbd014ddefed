from benchmark.lang import detect_lang, han_share, has_han


def test_detect_lang_on_hand_made_texts() -> None:
    assert detect_lang("根据您的兴趣和预算，推荐青岛和三亚") == "zh"
    assert detect_lang("推荐这门Python课程") == "zh"  # 6 Han of 12 letters
    assert detect_lang("We recommend the Hotel Qingdao 青岛") == "en"  # 2 Han of 28 letters
    assert detect_lang("") == "en" and detect_lang("12345 !!") == "en"


def test_han_share_counts_letters_only() -> None:
    assert han_share("Python课程") == 2 / 8
    assert han_share("课程 2024!") == 1.0
    assert has_han("a课") and not has_han("café")
