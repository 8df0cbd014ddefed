"""`rxbench train`: the command-line face of baselines.lm.train."""
from __future__ import annotations

import argparse
from dataclasses import fields
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "train",
        help="fine-tune (or LoRA-tune) an explanation generator on suites",
        description="Fine-tune a prompt-conditioned causal LM on the train split of suites "
        "(loss on the explanation tokens only; early stopping on the valid split). "
        "Re-running with the same arguments reuses a finished DIR and resumes a killed one.",
    )
    p.add_argument("--suite", required=True, help="suite spec(s), comma-separated (e.g. travel,ecommerce)")
    p.add_argument("--base", required=True, help="`tiny` (GPT-2 trained from scratch), `gemma` (the packaged Gemma 3 270M), a local HF model directory, or a .gguf file")
    p.add_argument("--out", required=True, type=Path, help="output directory (model or adapter + model card)")
    p.add_argument("--lora", action="store_true", help="train a LoRA adapter on BASE instead of all weights")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--max-steps", type=int, default=None, help="training steps (default 600)")
    p.add_argument("--batch-size", type=int, default=None)
    p.add_argument("--lr", type=float, default=None, help="default: 3e-3 for tiny models (LoRA on them 5e-3); pretrained bases 5e-5 (LoRA 2e-4)")
    p.add_argument("--eval-every", type=int, default=None, help="steps between validation + checkpoint")
    p.add_argument("--patience", type=int, default=None, help="evaluations without improvement before stopping")
    p.add_argument("--lora-r", type=int, default=None)
    p.add_argument("--lora-layers", type=int, default=None, help="LoRA on the last N transformer layers only (default: all)")
    p.add_argument("--lora-targets", default=None, help="peft target modules, comma-separated (default: all-linear)")
    p.add_argument("--merge-to", type=Path, default=None, help="with --lora: also write the merged model here")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(fn=run_train)


def run_train(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from baselines.lm.train import TrainSettings, merge_adapter, train_model

    overrides = {f.name: getattr(args, f.name) for f in fields(TrainSettings) if getattr(args, f.name, None) is not None}
    settings = replace(TrainSettings(), **overrides)
    suites = [s.strip() for s in args.suite.split(",") if s.strip()]
    if args.merge_to and not args.lora:
        raise ValueError("--merge-to only makes sense with --lora")
    out = train_model(suites, args.base, args.out, lora=args.lora, seed=args.seed, max_steps=args.max_steps,
                      settings=settings, progress=not args.quiet)
    from benchmark.lm.loading import read_card

    card = read_card(out)
    print(f"{out}: {card['steps']} steps (best {card['best_step']}, {card['stop_reason']}), "
          f"valid loss {card['valid_loss']:.4f} (untrained {card['valid_loss_initial']:.4f})")
    if args.merge_to:
        print(f"merged model: {merge_adapter(out, args.merge_to)}")
    return 0
