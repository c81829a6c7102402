"""A tiny random-initialised Stable Diffusion pipeline, for tests and benchmarks without weights.

Built from configs the way diffusers' own fast tests do (UNet2DConditionModel with block_out_channels
(32, 64), a tiny AutoencoderKL, a tiny CLIPTextModel) and saved with `save_pretrained`, so callers
load it through the real `from_pretrained(local_files_only=True)` path. The hub is never contacted:
the CLIP tokenizer is byte-level from a vocab written here (256 byte symbols, each also with `</w>`,
plus start/end tokens; a merges file with only its header). Its pixels are noise by design.
"""

from __future__ import annotations

import json
from pathlib import Path


def _byte_symbols() -> list[str]:
    """GPT-2/CLIP's printable stand-ins for the 256 byte values."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    symbols, extra = {b: chr(b) for b in printable}, 0
    for b in range(256):
        if b not in symbols:
            symbols[b] = chr(256 + extra)
            extra += 1
    return [symbols[b] for b in range(256)]


def write_byte_tokenizer(folder: Path) -> dict[str, int]:
    """vocab.json and merges.txt of a merge-free byte-level CLIP tokenizer."""
    symbols = _byte_symbols()
    vocab = {s: i for i, s in enumerate(symbols)}
    vocab.update({f"{s}</w>": 256 + i for i, s in enumerate(symbols)})
    vocab["<|startoftext|>"] = len(vocab)
    vocab["<|endoftext|>"] = len(vocab)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    (folder / "merges.txt").write_text("#version: 0.2\n", encoding="utf-8")
    return vocab


def build_tiny_pipeline(folder: Path) -> Path:
    """Save a tiny random StableDiffusionPipeline (no safety checker) to `folder`."""
    import torch
    from diffusers import AutoencoderKL, EulerDiscreteScheduler, StableDiffusionPipeline, UNet2DConditionModel
    from transformers import CLIPTextConfig, CLIPTextModel, CLIPTokenizer

    torch.manual_seed(0)
    unet = UNet2DConditionModel(
        block_out_channels=(32, 64),
        layers_per_block=1,
        sample_size=32,
        in_channels=4,
        out_channels=4,
        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
        up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"),
        cross_attention_dim=32,
        norm_num_groups=32,
    )
    vae = AutoencoderKL(
        block_out_channels=(32, 64),
        in_channels=3,
        out_channels=3,
        down_block_types=("DownEncoderBlock2D", "DownEncoderBlock2D"),
        up_block_types=("UpDecoderBlock2D", "UpDecoderBlock2D"),
        latent_channels=4,
        norm_num_groups=32,
    )
    vocab_dir = folder / "_vocab"
    vocab = write_byte_tokenizer(vocab_dir)
    tokenizer = CLIPTokenizer(
        vocab=str(vocab_dir / "vocab.json"), merges=str(vocab_dir / "merges.txt"), model_max_length=77
    )
    text_encoder = CLIPTextModel(
        CLIPTextConfig(
            vocab_size=len(vocab),
            hidden_size=32,
            intermediate_size=37,
            num_attention_heads=4,
            num_hidden_layers=2,
            max_position_embeddings=77,
            bos_token_id=vocab["<|startoftext|>"],
            eos_token_id=vocab["<|endoftext|>"],
            pad_token_id=vocab["<|endoftext|>"],
        )
    )
    scheduler = EulerDiscreteScheduler(
        beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear", timestep_spacing="trailing", steps_offset=1
    )
    pipe = StableDiffusionPipeline(
        unet=unet,
        vae=vae,
        text_encoder=text_encoder,
        tokenizer=tokenizer,
        scheduler=scheduler,
        safety_checker=None,
        feature_extractor=None,
        requires_safety_checker=False,
    )
    target = folder / "tiny-sd"
    pipe.save_pretrained(target)
    return target


def build_tiny_clip(folder: Path) -> Path:
    """Save a tiny random CLIP model and processor (32 px images, the byte-level tokenizer) to `folder`."""
    import torch
    from transformers import CLIPConfig, CLIPImageProcessor, CLIPModel, CLIPProcessor, CLIPTokenizer

    vocab_dir = folder / "_vocab"
    vocab = write_byte_tokenizer(vocab_dir)
    tokenizer = CLIPTokenizer(
        vocab=str(vocab_dir / "vocab.json"), merges=str(vocab_dir / "merges.txt"), model_max_length=77
    )
    processor = CLIPProcessor(
        image_processor=CLIPImageProcessor(size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32}),
        tokenizer=tokenizer,
    )
    special = {"bos_token_id": vocab["<|startoftext|>"], "eos_token_id": vocab["<|endoftext|>"], "pad_token_id": vocab["<|endoftext|>"]}
    tiny = {"hidden_size": 32, "intermediate_size": 37, "num_attention_heads": 4, "num_hidden_layers": 2}
    torch.manual_seed(0)
    model = CLIPModel(
        CLIPConfig(
            text_config={"vocab_size": len(vocab), "max_position_embeddings": 77, **special, **tiny},
            vision_config={"image_size": 32, "patch_size": 8, **tiny},
            projection_dim=16,
        )
    )
    target = folder / "tiny-clip"
    model.save_pretrained(target)
    processor.save_pretrained(target)
    return target
