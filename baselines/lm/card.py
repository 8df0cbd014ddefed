"""The model card `rxbench train` writes next to the weights: rxbench_card.json
(machine-readable: plan, data hashes, steps, losses, versions) and README.md."""
from __future__ import annotations

import json
from pathlib import Path

from benchmark.lm.loading import CARD, ModelRef, read_card


def versions() -> dict[str, str]:
    import peft
    import torch
    import transformers

    from benchmark import __version__

    return {"rxbench": __version__, "torch": torch.__version__, "transformers": transformers.__version__, "peft": peft.__version__}


def model_card_markdown(card: dict) -> str:
    data = ", ".join(f"{s['name']} (v{s['version']}, {s['hash']})" for s in card["data"]["suites"])
    kind = "LoRA adapter" if card["lora"] else "full fine-tuning"
    st = card["plan"]["settings"]
    return "\n".join([
        "# rxbench explanation generator",
        "",
        f"- base: `{card['base']}` ({kind}); prompt style `{card['plan']['prompt_version']}`",
        f"- data: {data}; {card['data']['train_pairs']} train / {card['data']['valid_pairs']} valid pairs",
        f"- steps: {card['steps']} (best at {card['best_step']}, stopped by {card['stop_reason']}); "
        f"batch {st['batch_size']}, lr {st['lr']}, warm-up {min(st['warmup'], st['max_steps'] // 2)}, seed {card['plan']['seed']}",
        f"- valid loss (nats/token on explanation tokens): {card['valid_loss']:.4f} (untrained: {card['valid_loss_initial']:.4f})",
        f"- parameters: {card['parameters']:,} ({card['trainable_parameters']:,} trainable)",
        "",
        "Run it with `rxbench run --suite SUITE --generator hf:<this directory> --out RUN`.",
        "",
    ])


def write_card(out: Path, card: dict) -> None:
    (out / CARD).write_text(json.dumps(card, indent=2, sort_keys=True), encoding="utf-8")
    (out / "README.md").write_text(model_card_markdown(card), encoding="utf-8")


def prompt_style(ref: ModelRef) -> str:
    """The prompt style a model was trained with (its card; an adapter's before its base's),
    else zero-shot: the generator prompts a fine-tuned model the way it was trained."""
    for d in (ref.adapter, ref.path if ref.path.is_dir() else None):
        if d is not None and (style := read_card(d).get("prompt_style")):
            return str(style)
    return "zeroshot"
