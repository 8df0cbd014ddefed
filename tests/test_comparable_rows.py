"""A leaderboard row scored on other examples (another --limit / split) is flagged and
never marked best among rows with more examples; n is stated per row."""
from reports.html import leaderboard_context
from reports.leaderboard import Board, markdown
from tests.runkit import make_run, outputs_file


def test_a_4_example_row_beside_20_example_rows_is_flagged_and_not_bolded(tmp_path):
    full = [make_run(tmp_path / g, generator=g, limit=20, metrics=("fmr", "length"), n_boot=100) for g in ("template", "sanity-constant")]
    # a perfect-looking generator on only 4 examples: it must not be "best"
    texts = {f"tiny-{i:03d}": f"Hotel {i} has a pool, spa, gym, free wifi and parking." for i in range(4)}
    short = make_run(tmp_path / "short", generator="file:" + str(outputs_file(tmp_path / "o.jsonl", texts)), limit=4,
                     metrics=("fmr", "length"), label="gemma-4", n_boot=100)
    board = Board.load([*full, short])
    assert board.mismatches("unit-tiny") == {"gemma-4": "n 4 vs 20, limit 4 vs 20"}
    md = markdown(board)
    assert "20 examples" in md and "**Rows not comparable**" in md and "gemma-4: n 4 vs 20, limit 4 vs 20" in md
    row = next(line for line in md.splitlines() if line.startswith("| unit-tiny") and "| gemma-4" in line)
    assert "gemma-4 †" in row and "| 4 " in row and "**" not in row
    tmpl = next(line for line in md.splitlines() if line.startswith("| unit-tiny") and "| template" in line and "fmr" not in line)
    assert "| 20 " in tmpl and "**1.00 ±" in tmpl  # template's fmr is the best among the comparable rows
    ctx = leaderboard_context(board)
    flagged = [r for r in ctx["overview"] if r["label"] == "gemma-4"]
    assert flagged[0]["flag"] and not any(c["best"] for c in flagged[0]["cells"])
