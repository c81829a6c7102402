"""The Gradio chat app: layout and wiring only. Every handler calls one `ChatService` method.

Per-browser state lives in `gr.State` (session id, shown cards, known titles) and the user id in
`gr.BrowserState` (localStorage), so a person keeps their profile across reloads and restarts.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterator
from functools import partial
from typing import Any

import gradio as gr

from agent.api import ChatService
from agent.types import ItemCard, TurnResult, UserProfile
from muse.ids import USER_ID
from muse.settings import Settings, apply_offline_env
from ui import render

MAX_CARDS = 5
EXAMPLES = [
    "Something like Alien but funnier",
    "A feel-good animated movie for the family",
    "Mind-bending sci-fi thrillers, no horror",
    "A romantic comedy from the 80s or 90s",
]
CSS = """
.muse-card { border-radius: 14px !important; padding: 8px !important; background: var(--block-background-fill); }
.muse-card .muse-meta { color: var(--body-text-color-subdued); font-size: 0.85em; }
.muse-card .muse-reason { font-style: italic; font-size: 0.9em; }
.muse-card img { border-radius: 10px; }
.muse-card-status { min-height: 1.4em; font-size: 0.85em; }
#muse-header h1 { margin-bottom: 0; }
#muse-cards { display: grid !important; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 12px; }
#muse-cards > .muse-card { min-width: 0 !important; }
"""


def new_user_id() -> str:
    return f"web-{uuid.uuid4().hex[:10]}"


def _slot_values(cards: list[ItemCard]) -> list[Any]:
    """Updates for every card slot: visibility, image, text, status line."""
    values: list[Any] = []
    for k in range(MAX_CARDS):
        card = cards[k] if k < len(cards) else None
        values += [
            gr.Column(visible=card is not None),
            render.card_image(card) if card else None,
            render.card_markdown(card, k + 1) if card else "",
            "" if card is None or render.card_image(card) else "🎨 rendering image…",
        ]
    return values


def _profile_values(profile: UserProfile, titles: dict[str, str]) -> list[Any]:
    choices = render.profile_entries(profile, titles)
    return [render.profile_markdown(profile, titles), gr.Dropdown(choices=choices, value=None)]


def build_app(service: ChatService, *, browser_secret: str | None = None) -> gr.Blocks:
    """The chat UI over `service`: streaming chat, rated cards, an editable profile, a trace."""
    with gr.Blocks(title="Muse", analytics_enabled=False) as app:
        secret = browser_secret or secrets.token_hex(16)
        user_store = gr.BrowserState("", storage_key="muse-user-id", secret=secret)
        user = gr.State("")
        session = gr.State(None)
        shown = gr.State([])
        titles = gr.BrowserState({}, storage_key="muse-titles", secret=secret)
        timer = gr.Timer(1.0, active=False)

        with gr.Row(equal_height=True):
            gr.Markdown("# 🎬 Muse\nTell me what you feel like watching; rate the picks and I'll learn.",
                        elem_id="muse-header")
            user_box = gr.Textbox(label="User id (saved in this browser; edit + Enter to switch)",
                                  elem_id="muse-user", max_lines=1, scale=0, min_width=340)
        with gr.Row(equal_height=False):
            with gr.Column(scale=5, min_width=360):
                chatbot = gr.Chatbot(height=470, show_label=False, elem_id="muse-chat", feedback_options=None,
                                     placeholder="Ask for a movie: a mood, a genre, a title you loved…")
                with gr.Row():
                    message = gr.Textbox(placeholder="e.g. mind-bending sci-fi, no horror", show_label=False,
                                         scale=5, elem_id="muse-input", max_length=2000, submit_btn=False)
                    send = gr.Button("Send", variant="primary", scale=1, min_width=80, elem_id="muse-send")
                    new_chat = gr.Button("New chat", scale=1, min_width=80, elem_id="muse-new-chat")
                gr.Examples(EXAMPLES, inputs=[message], label="Try")
            with gr.Column(scale=7, min_width=420):
                gr.Markdown("### Picks for you")
                empty = gr.Markdown("_Your recommendations will appear here._", elem_id="muse-empty")
                slots = []
                with gr.Row(elem_id="muse-cards"):
                    for k in range(MAX_CARDS):
                        with gr.Column(visible=False, min_width=150, elem_classes=["muse-card"], elem_id=f"card-{k}") as col:
                            image = gr.Image(type="filepath", interactive=False, show_label=False, buttons=[],
                                             height=200, container=False, elem_id=f"card-{k}-image")
                            text = gr.Markdown(elem_id=f"card-{k}-text")
                            with gr.Row():
                                up = gr.Button("👍 Like", size="sm", min_width=60, elem_id=f"card-{k}-up")
                                down = gr.Button("👎 Nope", size="sm", min_width=60, elem_id=f"card-{k}-down")
                            status = gr.Markdown(elem_classes=["muse-card-status"], elem_id=f"card-{k}-status")
                        slots.append((col, image, text, status, up, down))
                with gr.Accordion("Your taste profile", open=True, elem_id="muse-profile"):
                    profile_md = gr.Markdown(render.profile_markdown(UserProfile(), {}), elem_id="muse-profile-text")
                    with gr.Row(equal_height=True):
                        entry = gr.Dropdown(label="Remove an entry", choices=[], scale=3, elem_id="muse-entry")
                        with gr.Column(scale=1, min_width=120):
                            remove = gr.Button("Remove", size="sm", elem_id="muse-remove")
                            reset = gr.Button("Reset profile", size="sm", variant="stop", elem_id="muse-reset")
        with gr.Accordion("Trace: tool steps and timings of the last turn", open=False, elem_id="muse-trace"):
            trace = gr.Markdown(render.trace_markdown([]))

        slot_outputs = [c for col, image, text, status, *_ in slots for c in (col, image, text, status)]
        profile_outputs = [profile_md, entry]

        def on_load(stored: str, known: dict[str, str]) -> list[Any]:
            user_id = stored if stored and USER_ID.fullmatch(stored) else new_user_id()
            return [user_id, user_id, user_id, *_profile_values(service.profile(user_id), known or {})]

        app.load(on_load, [user_store, titles], [user, user_box, user_store, *profile_outputs])

        def on_user(user_id: str, stored: str, known: dict[str, str]) -> list[Any]:
            user_id = user_id.strip()
            if not USER_ID.fullmatch(user_id):
                gr.Warning("A user id is 1-64 letters, digits or _ . : @ -")
                return [stored, stored, stored, *[gr.skip()] * 5]
            return [user_id, user_id, user_id, None, [], *_profile_values(service.profile(user_id), known), []]

        user_box.submit(on_user, [user_box, user_store, titles],
                        [user, user_box, user_store, session, shown, *profile_outputs, chatbot])

        turn_outputs = [message, chatbot, session, shown, titles, *profile_outputs, trace, timer, empty, *slot_outputs]

        def on_send(text: str, history: list[dict[str, Any]], user_id: str, session_id: str | None,
                    known: dict[str, str]) -> Iterator[list[Any]]:
            text = text.strip()
            if not text:
                return
            if not USER_ID.fullmatch(user_id or ""):
                gr.Warning("Your profile is still loading; send again in a moment.")
                return
            skip = [gr.skip()] * (len(turn_outputs) - 2)
            reply = ""
            yield ["", render.user_and_reply(history, text, "…"), *skip]
            for piece in service.chat_stream(user_id, text, session_id):
                if isinstance(piece, TurnResult):
                    yield _final(history, text, piece, known)
                    return
                reply += piece
                yield [gr.skip(), render.user_and_reply(history, text, reply), *skip]

        def _final(history: list[dict[str, Any]], text: str, result: TurnResult, known: dict[str, str]) -> list[Any]:
            cards = result.items[:MAX_CARDS]
            names = render.item_titles(cards, known)
            reply = render.with_clarifications(result.reply, result.clarifications)
            return [gr.skip(), render.user_and_reply(history, text, reply), result.session_id, cards, names,
                    *_profile_values(result.profile, names), render.trace_markdown(result.trace),
                    gr.Timer(active=bool(render.pending_images(cards))), gr.Markdown(visible=not cards),
                    *_slot_values(cards)]

        send_inputs = [message, chatbot, user, session, titles]
        message.submit(on_send, send_inputs, turn_outputs)
        send.click(on_send, send_inputs, turn_outputs)

        def on_rate(k: int, value: int, user_id: str, session_id: str | None, cards: list[ItemCard],
                    known: dict[str, str]) -> list[Any]:
            if k >= len(cards):
                return [gr.skip()] * 3
            profile = service.feedback(user_id, cards[k].item_id, value, session_id)  # type: ignore[arg-type]
            note = "👍 noted: more like this" if value > 0 else "👎 noted: less like this"
            return [*_profile_values(profile, known), note]

        for k, (_, _, _, status, up, down) in enumerate(slots):
            rate_inputs = [user, session, shown, titles]
            up.click(partial(on_rate, k, 1), rate_inputs, [*profile_outputs, status])
            down.click(partial(on_rate, k, -1), rate_inputs, [*profile_outputs, status])

        def on_remove(key: str | None, user_id: str, known: dict[str, str]) -> list[Any]:
            if not key:
                return [gr.skip(), gr.skip()]
            return _profile_values(service.edit_profile(user_id, render.edit_from_key(key)), known)

        remove.click(on_remove, [entry, user, titles], profile_outputs)
        reset.click(lambda user_id, known: _profile_values(service.reset_profile(user_id), known),
                    [user, titles], profile_outputs)
        new_chat.click(lambda: ([], None), None, [chatbot, session])

        def on_tick(cards: list[ItemCard]) -> list[Any]:
            updated = []
            for card in cards:
                if card.image is not None and card.image.kind == "pending":
                    ref = service.image(card.image.image_id)
                    card = card.model_copy(update={"image": ref}) if ref is not None else card
                updated.append(card)
            return [updated, gr.Timer(active=bool(render.pending_images(updated))), *_slot_values(updated)]

        timer.tick(on_tick, [shown], [shown, timer, *slot_outputs])
    return app


def launch(app: gr.Blocks, settings: Settings, host: str = "127.0.0.1", port: int = 7860,
           block: bool = True) -> None:
    """Serve the app locally: no share link, images served from the Muse home only."""
    settings.images_dir.mkdir(parents=True, exist_ok=True)
    app.queue(default_concurrency_limit=8).launch(
        server_name=host, server_port=port, share=False, inbrowser=False, quiet=not block,
        allowed_paths=[str(settings.images_dir)], prevent_thread_lock=not block, show_error=True,
        footer_links=[], ssr_mode=False, mcp_server=False, pwa=False, enable_monitoring=False,
        theme=gr.themes.Soft(primary_hue="indigo", secondary_hue="amber"), css=CSS,
    )


def browser_secret(settings: Settings) -> str:
    """A per-home secret for the browser-stored user id, so it survives server restarts."""
    path = settings.home / "ui-secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(16), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


def main(settings: Settings, host: str = "127.0.0.1", port: int = 7860, fake: bool = False,
         service: ChatService | None = None) -> None:
    """Build the service and serve the chat UI until interrupted."""
    apply_offline_env()
    from ui.services import load_service

    service = service or load_service(settings, fake=fake)
    app = build_app(service, browser_secret=browser_secret(settings))
    print(f"Muse UI: http://{host}:{port}", flush=True)
    launch(app, settings, host, port, block=True)

