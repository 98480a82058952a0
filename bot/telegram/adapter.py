"""Telegram: python-telegram-bot's Application in the runtime's loop, translating updates into
core calls and replies into HTML messages with inline keyboards.

Groups stay calm: what is for one person (a privacy check, someone's stories, a question) goes
to the private chat with the bot. Where that chat was never opened, the group gets one short line
with a link that opens it, and the message waits there. A question of the core is a ForceReply
message; the answer, in a `ConversationHandler` per user, is the text the core asked for.

Updates are processed at least once: the bot polls itself and confirms an update to Telegram
only once it was processed (a webhook call is answered once it was processed), so a crash
loses nothing; stories are keyed on the update id, so a redelivered update stores nothing twice.
Different members' updates are processed side by side, one member's in order.
"""

import asyncio
import logging
import secrets
import time
import warnings
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import datetime
from urllib.parse import urlparse

import httpx
from aiohttp import web
from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    Chat,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    Update,
    User,
)
from telegram.constants import ChatMemberStatus, ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    TelegramError,
    TimedOut,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.helpers import create_deep_linked_url
from telegram.warnings import PTBUserWarning

from bot.conversation import ChannelUnreachable, PartlySent, Send, send_saying_not_delivered
from bot.core.model import Ask, Caller, Reply
from bot.platform import PlatformUnreachable, Services
from bot.render.chart import chart_png
from bot.settings import SettingsError, TelegramSettings
from bot.telegram import render
from bot.telegram.pacing import Pacer

log = logging.getLogger(__name__)

PLATFORM = "telegram"
COMMANDS = ("mantra", "verhaal", "mijnverhalen", "moderatie", "digest", "werkbot")
CANCEL = "annuleer"
# The one state of a question: the member's next text is the answer.
ANSWERING = 1
QUESTION_MINUTES = 15
ADMINS_SECONDS = 300
# Messages held for someone who has not opened the private chat yet: as long as a privacy
# draft lives (bot.core.drafts), since a held privacy check is useless after that.
HELD_SECONDS = 3600
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
POLL_SECONDS = 10
# A poll returns the oldest unconfirmed updates first, at most 100: poll again once at least half
# of them can be new (not ones already in hand, which PTB would parse again), or after a second.
ALREADY_IN_HAND_AT_MOST = 50
# After a failed getUpdates: 1 s, then half as long again each time, at most 30 s.
POLL_RETRY_LONGEST = 30.0


@dataclass
class Question:
    """An open question of the core to one member, and the team it is for."""

    caller: Caller
    ask: Ask
    asked_at: float = field(default_factory=time.monotonic)


@dataclass
class Held:
    """Replies for one member that wait until they open the private chat (a deep link)."""

    user_id: str
    caller: Caller
    replies: list[Reply]
    created: float = field(default_factory=time.monotonic)


def not_delivered(error: Exception) -> bool:
    """Whether Telegram surely did not take a call that failed (so it may be sent again): no
    connection could be made, or Telegram answered with a server error. Not a timeout or a
    connection lost after the request went out: the message may be in the chat."""
    cause = error.__cause__
    if isinstance(error, TimedOut):
        return isinstance(cause, (httpx.ConnectTimeout, httpx.PoolTimeout))
    if isinstance(error, BadRequest | Forbidden | InvalidToken | ChatMigrated):
        return False
    if isinstance(error, NetworkError):
        return not isinstance(cause, httpx.HTTPError) or isinstance(cause, httpx.ConnectError)
    return False


class TelegramAdapter:
    def __init__(self, services: Services, settings: TelegramSettings) -> None:
        self.bot = services.bot
        self.conversation = services.conversation
        self.messages = services.bot.messages
        self.in_flight = services.in_flight
        self.settings = settings
        # No PTB updater: it confirms updates before they are processed (see the module docstring).
        # Two connections for getUpdates: stopping confirms the last updates while the long poll
        # under way is still being closed.
        self.application: Application = (
            ApplicationBuilder().token(settings.bot_token).base_url(settings.api_url).job_queue(None)
            .rate_limiter(Pacer()).updater(None).get_updates_connection_pool_size(2).build())
        self.state = "starting"
        self.held: dict[str, Held] = {}
        # How long a question waits for its answer.
        self.question_seconds = QUESTION_MINUTES * 60
        self._admins: dict[str, tuple[float, frozenset[str]]] = {}
        self._conflict_logged = False
        # Chats that moved to a new id (a group became a supergroup) while this process ran.
        self.moved: dict[str, str] = {}
        self._poller: asyncio.Task | None = None
        self._last_taken = 0
        self._unfinished: set[int] = set()
        self._working: set[asyncio.Task] = set()
        self._progress = asyncio.Event()
        self._lanes: dict[int, asyncio.Lock] = {}
        self._register()

    # Life cycle ------------------------------------------------------------------------

    def add_routes(self, app: web.Application) -> None:
        """Webhook mode: Telegram posts updates to the path of TELEGRAM_WEBHOOK_URL."""
        if self.settings.webhook_url:
            app.router.add_post(urlparse(self.settings.webhook_url).path or "/", self.handle_webhook)

    async def start(self) -> None:
        """Check the token, register the commands, then poll or set the webhook. A refused token
        or webhook stops start-up with one line; a Bot API that cannot be reached is tried again
        (this is safe to call again after it failed part-way)."""
        telegram = self.application.bot
        try:
            await self.application.initialize()
            await self._set_commands()
            if self.settings.webhook_url:
                await telegram.set_webhook(self.settings.webhook_url, allowed_updates=ALLOWED_UPDATES,
                                           secret_token=self.settings.webhook_secret)
            else:
                # A webhook left from an earlier run would keep getUpdates from working.
                await telegram.delete_webhook()
        except InvalidToken as error:
            raise SettingsError("cli.telegram_refused", name="TELEGRAM_BOT_TOKEN",
                                error=type(error).__name__) from None
        except BadRequest as error:
            raise SettingsError("cli.telegram_refused", name="TELEGRAM_WEBHOOK_URL",
                                error=error.message) from None
        except NetworkError as error:
            self.state = "connecting"
            raise PlatformUnreachable(type(error).__name__) from None
        if not self.application.running:
            await self.application.start()
        if self.settings.webhook_url:
            self.state = "webhook"
        elif self._poller is None:
            self._poller = asyncio.create_task(self._poll())
            self.state = "polling"

    async def _set_commands(self) -> None:
        commands = [BotCommand(name, self.messages.render("nl", f"telegram.commands.{name}"))
                    for name in (*COMMANDS, CANCEL)]
        for scope in (BotCommandScopeAllGroupChats(), BotCommandScopeAllPrivateChats()):
            await self.application.bot.set_my_commands(commands, scope=scope)

    async def _poll(self) -> None:
        """Long polling, at least once: an update is confirmed (by the next call's offset) only
        once it was processed; while some are still under way, new ones are taken all the same."""
        telegram = self.application.bot
        delay = 0.0
        while True:
            await self._room_for_new_updates()
            offset = min(self._unfinished) if self._unfinished else self._last_taken + 1
            try:
                updates = await telegram.get_updates(offset=offset, timeout=POLL_SECONDS,
                                                     allowed_updates=ALLOWED_UPDATES)
            except InvalidToken:
                log.error("Telegram refuses the bot token now; polling stopped")
                self.state = "refused"
                return
            except TelegramError as error:
                self._polling_error(error)
                delay = min(max(delay * 1.5, 1.0), POLL_RETRY_LONGEST)
                await asyncio.sleep(delay)
                continue
            delay = 0.0
            self.state = "polling"
            new = [update for update in updates if update.update_id > self._last_taken]
            for update in new:
                self._last_taken = update.update_id
                self._unfinished.add(update.update_id)
                task = asyncio.create_task(self.in_flight.track(self._process)(update))
                self._working.add(task)
                task.add_done_callback(self._working.discard)
            if updates and not new and self._working:
                # Only updates still under way came back: wait for one of them, briefly.
                await asyncio.wait(self._working, timeout=1.0, return_when=asyncio.FIRST_COMPLETED)

    async def _room_for_new_updates(self) -> None:
        """Wait until the next poll can bring at least half a batch of new updates; at most a
        second, so one update that hangs never stops the others from coming in."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 1.0
        while self._unfinished and self._last_taken + 1 - min(self._unfinished) > ALREADY_IN_HAND_AT_MOST:
            self._progress.clear()
            try:
                await asyncio.wait_for(self._progress.wait(), deadline - loop.time())
            except TimeoutError:
                return

    async def _process(self, update: Update) -> None:
        """One update through the handlers; one member's updates in order (their question's
        state depends on it), others side by side."""
        user = update.effective_user
        lane = self._lanes.setdefault(user.id if user else 0, asyncio.Lock())
        try:
            async with lane:
                await self.application.process_update(update)
        finally:
            self._unfinished.discard(update.update_id)
            self._progress.set()

    def _polling_error(self, error: TelegramError) -> None:
        """Polling goes on with back-off; another poller on the same token is said once."""
        if isinstance(error, Conflict):
            if not self._conflict_logged:
                log.error("Telegram: another process polls with this token; retrying")
                self._conflict_logged = True
            return
        self.state = "connecting"
        log.warning("Telegram polling failed: %s; retrying", type(error).__name__)

    async def stop(self) -> None:
        """Take no new updates; those under way finish (the runtime drains them), then `close`."""
        if self._poller is not None:
            self._poller.cancel()
            self._poller = None

    async def close(self) -> None:
        """Confirm what was processed, and close the connections."""
        if self.application.running and not self.settings.webhook_url and not self._unfinished:
            try:
                await self.application.bot.get_updates(offset=self._last_taken + 1, timeout=0, limit=1)
            except TelegramError as error:
                log.warning("Telegram: could not confirm the last updates: %s", type(error).__name__)
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()
        self.state = "stopped"

    async def handle_webhook(self, request: web.Request) -> web.Response:
        """An update from Telegram; without the secret header it is refused and not processed."""
        if request.headers.get("X-Telegram-Bot-Api-Secret-Token") != self.settings.webhook_secret:
            return web.Response(status=403)
        try:
            update = Update.de_json(await request.json(), self.application.bot)
        except ValueError:
            return web.Response(status=400)
        # Answered once processed: a crash before that makes Telegram deliver it again.
        await self.in_flight.track(self._process)(update)
        return web.Response()

    # Handlers --------------------------------------------------------------------------

    def _register(self) -> None:
        track = self.in_flight.track
        entry_points = [CommandHandler(list(COMMANDS), track(self._on_command)),
                        CommandHandler("start", track(self._on_start), filters.ChatType.PRIVATE),
                        CallbackQueryHandler(track(self._on_button))]
        with warnings.catch_warnings():
            # Questions belong to a member, not to the message that asked them.
            warnings.simplefilter("ignore", PTBUserWarning)
            questions = ConversationHandler(
                entry_points=entry_points,
                # Questions are asked in the private chat, and answered there only: in a group
                # where the bot sees everything (as an admin), a chat line is no answer.
                states={ANSWERING: [
                    MessageHandler(filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND,
                                   track(self._on_answer)),
                    MessageHandler(filters.ChatType.PRIVATE & ~filters.COMMAND & ~filters.StatusUpdate.ALL,
                                   self._on_not_text),
                ]},
                fallbacks=[CommandHandler(CANCEL, self._on_cancel)],
                per_chat=False, per_user=True, allow_reentry=True, name="questions")
        self.application.add_handler(questions)
        self.application.add_handler(CommandHandler(CANCEL, self._on_cancel))
        # Any other command: in the private chat, or addressed to this bot in a group.
        self.application.add_handler(MessageHandler(filters.COMMAND, track(self._on_other_command)))
        self.application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, self._on_migrate))
        self.application.add_handler(ChatMemberHandler(self._on_membership,
                                                       ChatMemberHandler.MY_CHAT_MEMBER))
        self.application.add_error_handler(self._on_error)

    async def _on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        """A command in a group or in the private chat."""
        message, user = update.effective_message, update.effective_user
        assert message is not None and user is not None and message.text is not None
        caller = await self._caller(update, context)
        if caller is None:
            await message.reply_text(self._say("nl", "telegram.private_no_team"))
            return ConversationHandler.END
        line, named = self._command_line(message)
        if named is not None:
            # The one the command names, as Telegram gave them: the core shows their name.
            caller = replace(caller, people=((str(named.id), named.full_name),))
        sender = self._sender(caller, update, context)
        if line is None:
            notice = self.bot.notice(self.bot.team_of(caller), "telegram.moderator_usage")
            await self.conversation.deliver([notice], sender)
            return ConversationHandler.END
        await self.conversation.command(caller, line, self._source_key(update), sender)
        return self._state(context)

    async def _on_other_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A command the bot does not have gets the usage line, where it was meant for the bot
        (a group's other bots have commands of their own)."""
        message, chat = update.effective_message, update.effective_chat
        assert message is not None and chat is not None
        head = (message.text or "").split(maxsplit=1)[0]
        addressed = head.lower().endswith(f"@{self.application.bot.username}".lower())
        if chat.type == Chat.PRIVATE or addressed:
            await self._on_command(update, context)

    async def _on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        """An inline button: answered at once, so it never spins; the core checks it again."""
        query = update.callback_query
        assert query is not None
        try:
            await query.answer()
        except BadRequest as error:
            # A press that waited too long ("query is too old") still does what it says.
            log.info("Telegram: a button's answer came too late: %s", type(error).__name__)
        try:
            chat_id, action, value = render.parse_callback_data(query.data or "")
        except ValueError:
            return ConversationHandler.END
        caller = await self._caller(update, context, team_chat=chat_id)
        if caller is None:
            return ConversationHandler.END
        await self.conversation.action(caller, action, value, self._sender(caller, update, context),
                                       source_key=self._source_key(update))
        return self._state(context)

    async def _on_answer(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        """The text a question asked for."""
        message = update.effective_message
        assert message is not None
        question = self._take_question(context)
        if question is None:
            return ConversationHandler.END
        if time.monotonic() - question.asked_at > self.question_seconds:
            await message.reply_text(self._say(self._language(question.caller), "telegram.expired"))
            return ConversationHandler.END
        caller = self._moved_caller(question.caller)
        await self.conversation.action(caller, question.ask.action, question.ask.value,
                                       self._sender(caller, update, context), text=message.text,
                                       source_key=self._source_key(update))
        return self._state(context)

    async def _on_not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        """A sticker, photo or voice message where text is expected."""
        message = update.effective_message
        question = (context.user_data or {}).get("question")
        if message is not None and question is not None:
            await message.reply_text(self._say(self._language(question.caller), "telegram.need_text"))
        return ANSWERING

    async def _on_cancel(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        """/annuleer: the open question is dropped; the answer to that is private (or nothing)."""
        user = update.effective_user
        question = self._take_question(context)
        if user is not None:
            language = self._language(question.caller) if question else "nl"
            key = "telegram.cancelled" if question else "telegram.nothing_to_cancel"
            # Someone who never opened the private chat just gets no answer.
            with suppress(Forbidden):
                await self.application.bot.send_message(user.id, render.escape(self._say(language, key)),
                                                        parse_mode=ParseMode.HTML)
        return ConversationHandler.END

    async def _on_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        """/start in the private chat: from a deep link, the messages that waited for it."""
        message, user = update.effective_message, update.effective_user
        assert message is not None and user is not None
        token = context.args[0] if context.args else ""
        held = self.held.get(token)
        if held is None or held.user_id != str(user.id):
            # Someone else's link (a colleague tapped it) leaves the message waiting for its owner.
            await message.reply_text(self._say("nl", "telegram.private_start"))
            return ConversationHandler.END
        del self.held[token]
        caller = self._moved_caller(held.caller)
        if context.user_data is not None:
            context.user_data["team_chat"] = caller.chat_id
        await self.conversation.deliver(held.replies, self._sender(caller, update, context))
        return self._state(context)

    async def _on_migrate(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A group that became a supergroup: its team follows the new chat id."""
        message = update.effective_message
        if message is not None and message.migrate_to_chat_id:
            self._chat_moved(str(message.chat_id), str(message.migrate_to_chat_id))

    def _chat_moved(self, old: str, new: str) -> None:
        """The team follows its group's new id; buttons, questions and private commands that
        still name the old id are read as the new one while this process runs."""
        self.bot.chat_moved(PLATFORM, old, new)
        self.moved[old] = new

    def _moved_caller(self, caller: Caller) -> Caller:
        new = self.moved.get(caller.chat_id)
        return caller if new is None else replace(caller, chat_id=new)

    async def _on_membership(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The bot was removed from a group: that team's posts pause until /werkbot start."""
        change = update.my_chat_member
        if change is not None and change.new_chat_member.status in (ChatMemberStatus.LEFT,
                                                                    ChatMemberStatus.BANNED):
            self.bot.chat_lost(PLATFORM, str(change.chat.id))

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        # The update may hold a story: name only what failed.
        error = context.error
        log.error("Telegram handler failed: %s", type(error).__name__,
                  exc_info=(type(error), error, error.__traceback__) if error else None)

    # Callers ---------------------------------------------------------------------------

    async def _caller(self, update: Update, context: ContextTypes.DEFAULT_TYPE,
                      team_chat: str | None = None) -> Caller | None:
        """Who is asking, for which team's chat. In the private chat that is the group the member
        last used the bot in (or the one a button names); None when there is none yet."""
        chat, user = update.effective_chat, update.effective_user
        assert chat is not None and user is not None
        user_data = context.user_data if context.user_data is not None else {}
        if chat.type != Chat.PRIVATE:
            user_data["team_chat"] = str(chat.id)
            return Caller(PLATFORM, str(chat.id), str(user.id), user_name=user.full_name,
                          is_chat_admin=await self._is_admin(str(chat.id), user),
                          chat_name=chat.title or "")
        team_chat = team_chat or user_data.get("team_chat")
        if team_chat is None:
            return None
        team_chat = self.moved.get(team_chat, team_chat)
        team = self.bot.store.team_at(PLATFORM, team_chat)
        return Caller(PLATFORM, team_chat, str(user.id), user_name=user.full_name,
                      is_chat_admin=await self._is_admin(team_chat, user),
                      chat_name=team.name if team else "")

    async def _is_admin(self, chat_id: str, user: User) -> bool:
        """Group administrators moderate too."""
        admins = await self._admins_of(chat_id)
        return admins is not None and str(user.id) in admins

    async def learn_chat_admins(self, chat_id: str) -> None:
        """Who administers the group now, told to the core: they get the moderators' weekly
        summary too."""
        admins = await self._admins_of(chat_id)
        if admins is not None:
            self.bot.chat_admins_seen(PLATFORM, chat_id, admins)

    async def _admins_of(self, chat_id: str) -> frozenset[str] | None:
        """The group's administrators (people, not bots such as this one), asked of Telegram at
        most every five minutes; None when Telegram cannot say."""
        cached = self._admins.get(chat_id)
        if cached is None or time.monotonic() - cached[0] > ADMINS_SECONDS:
            try:
                members = await self.application.bot.get_chat_administrators(int(chat_id))
            except TelegramError as error:
                log.warning("Telegram: administrators of a chat unknown: %s", type(error).__name__)
                return None
            cached = (time.monotonic(), frozenset(str(member.user.id) for member in members
                                                  if not member.user.is_bot))
            self._admins[chat_id] = cached
        return cached[1]

    @staticmethod
    def _command_line(message: Message) -> tuple[str | None, User | None]:
        """The command as the core reads it, and the person it names. `/werkbot moderator` names
        its person by replying to their message or by a mention Telegram resolved (a bot sees no
        one's @username otherwise); no line when it names no one we can know."""
        text = message.text or ""
        words = text.split()
        if len(words) < 2 or words[0].split("@")[0].lower() != "/werkbot" or words[1].lower() != "moderator":
            return text, None
        replied = message.reply_to_message
        # In a forum topic every message "replies" to the topic's first message: that is no choice.
        named = replied is not None and not replied.forum_topic_created and not (
            message.is_topic_message and replied.message_id == message.message_thread_id)
        target = replied.from_user if named and replied is not None else None
        if target is not None and target.is_bot:
            target = None
        for entity in message.entities:
            if entity.type == MessageEntity.TEXT_MENTION and entity.user is not None:
                target = entity.user
        if target is None:
            return None, None
        remove = len(words) > 2 and words[2].lower() == "weg"
        return f"/werkbot moderator {'weg ' if remove else ''}@{target.id}", target

    @staticmethod
    def _source_key(update: Update) -> str:
        """Telegram delivers updates at least once: a story is stored once per update id."""
        return f"{PLATFORM}:{update.update_id}"

    def _language(self, caller: Caller) -> str:
        team = self.bot.team_of(caller)
        return team.language if team else "nl"

    def _say(self, language: str, key: str, /, **fields: object) -> str:
        return self.messages.render(language, key, **fields)

    @staticmethod
    def _take_question(context: ContextTypes.DEFAULT_TYPE) -> Question | None:
        """The member's open question, which is answered (or dropped) now."""
        return context.user_data.pop("question", None) if context.user_data is not None else None

    @staticmethod
    def _state(context: ContextTypes.DEFAULT_TYPE) -> int:
        """Whether a question to this member is open now."""
        return ANSWERING if (context.user_data or {}).get("question") else ConversationHandler.END

    # Sending ---------------------------------------------------------------------------

    def _sender(self, caller: Caller, update: Update, context: ContextTypes.DEFAULT_TYPE) -> Send:
        """How replies to this update reach Telegram: for the caller alone in the private chat
        (or, where that was never opened, a link to it in the group); the rest as `send`."""
        chat, user = update.effective_chat, update.effective_user
        assert chat is not None and user is not None
        in_private = chat.type == Chat.PRIVATE

        async def send(reply: Reply) -> None:
            await send_saying_not_delivered(reply, deliver, not_delivered)

        async def deliver(reply: Reply) -> None:
            if reply.audience != "private":
                await self._send(reply)
                return
            if reply.ask is not None and context.user_data is not None:
                context.user_data["question"] = Question(caller, reply.ask)
            try:
                await self._to_person(str(user.id), reply, caller.chat_id)
            except Forbidden:
                if in_private:
                    raise
                await self._offer_private_chat(caller, user.first_name, reply)

        return send

    async def was_posted(self, reply: Reply, since: datetime) -> int | None:
        """Whether a post whose outcome was unknown is in the group: a bot cannot read a group's
        history, so it cannot tell (None). The policy: it is not sent again, since a double
        post is worse, and the moderators are told once."""
        return None

    async def send(self, reply: Reply) -> None:
        """A post to a team's group, or a private message to one member."""
        await send_saying_not_delivered(reply, self._send, not_delivered)

    async def _send(self, reply: Reply) -> None:
        if reply.audience == "member" and reply.member_id:
            team_chat = self._team_chat(reply)
            try:
                await self._to_person(reply.member_id, reply, team_chat)
            except Forbidden:
                member = Caller(PLATFORM, team_chat, reply.member_id)
                await self._offer_private_chat(member, self._say(reply.language, "telegram.someone"), reply)
        elif reply.audience == "channel" and reply.team_id:
            await self._post(reply)
        else:
            raise ValueError(f"a {reply.audience} reply needs the conversation it answers")

    def _team_chat(self, reply: Reply) -> str:
        return self.bot.store.team(reply.team_id).chat_id if reply.team_id else ""

    async def _to_person(self, user_id: str, reply: Reply, team_chat: str) -> None:
        """A private message (the chat with a user has the user's id), with its file (an export)
        as a document; a question as ForceReply, after the text it starts from."""
        telegram = self.application.bot
        await self._messages(int(user_id), reply, team_chat)
        if reply.attachment is not None:
            await telegram.send_document(int(user_id), reply.attachment.content,
                                         filename=reply.attachment.filename)
        if reply.ask is not None:
            if reply.ask.initial:
                for text in render.pack(render.text_pieces(
                        self._say(reply.language, "telegram.current_text", text=reply.ask.initial))):
                    await telegram.send_message(int(user_id), text, parse_mode=ParseMode.HTML)
            placeholder = self._say(reply.language, "telegram.answer_placeholder")
            await telegram.send_message(int(user_id), render.escape(reply.ask.prompt),
                                        parse_mode=ParseMode.HTML,
                                        reply_markup=ForceReply(input_field_placeholder=placeholder))

    async def _offer_private_chat(self, caller: Caller, name: str, reply: Reply) -> None:
        """The member never opened the private chat: the reply waits, and the team's group gets
        one line (mentioning them, without what the reply says) with a link that opens the chat
        and shows it. One line per member and group, however many replies wait."""
        self._forget_old_held()
        for held in self.held.values():
            if (held.user_id, held.caller.chat_id) == (caller.user_id, caller.chat_id):
                held.replies.append(reply)
                return
        token = secrets.token_urlsafe(12)
        self.held[token] = Held(caller.user_id, caller, [reply])
        link = create_deep_linked_url(self.application.bot.username, token)
        button = InlineKeyboardButton(self._say(reply.language, "telegram.open_private_button"), url=link)
        mention = f'<a href="tg://user?id={int(caller.user_id)}">{render.escape(name)}</a>'
        text = render.escape(self._say(reply.language, "telegram.open_private", name="\x00"))
        await self.application.bot.send_message(int(caller.chat_id), text.replace("\x00", mention),
                                                parse_mode=ParseMode.HTML,
                                                reply_markup=InlineKeyboardMarkup([[button]]))

    def _forget_old_held(self) -> None:
        cutoff = time.monotonic() - HELD_SECONDS
        for token in [token for token, held in self.held.items() if held.created < cutoff]:
            del self.held[token]

    async def _messages(self, chat_id: int, reply: Reply, team_chat: str) -> None:
        """A reply's text (or digest) as messages; its buttons under the last one."""
        telegram = self.application.bot
        if reply.digest is not None:
            texts = render.digest_messages(reply.digest, self.messages)
        else:
            texts = render.reply_messages(reply)
        markup = render.keyboard(team_chat, reply.buttons)
        for number, text in enumerate(texts):
            # A retry after a failure halfway sends only what is not in the chat yet.
            if number < reply.parts_sent:
                continue
            try:
                await telegram.send_message(chat_id, text, parse_mode=ParseMode.HTML,
                                            reply_markup=markup if number == len(texts) - 1 else None)
            except Exception as error:
                # Only an exactly-once post keeps count of its messages; a reply just failed.
                if reply.delivery is not None and number > reply.parts_sent:
                    raise PartlySent(number, error) from None
                raise
        if reply.digest is not None and reply.parts_sent < len(texts):
            await self._chart(chat_id, reply)

    async def _chart(self, chat_id: int, reply: Reply) -> None:
        """The digest's chart as a photo. Once the text is out the post counts as sent: a chart
        that fails is logged, not retried, since a retry would post the whole digest twice."""
        assert reply.digest is not None
        try:
            chart = await chart_png(reply.digest, self.messages)
            await self.application.bot.send_photo(
                chat_id, chart, caption=render.caption(self._say(reply.language, "digest.chart_title")),
                parse_mode=ParseMode.HTML)
        except Exception as error:
            log.error("the digest chart for team %s could not be posted: %s", reply.team_id,
                      type(error).__name__)

    async def _post(self, reply: Reply) -> None:
        """A post to a team's group (mantra, digest). A group that moved is followed once; a
        group the bot was removed from pauses the team and is unreachable."""
        chat_id = self._team_chat(reply)
        try:
            await self._messages(int(chat_id), reply, chat_id)
        except ChatMigrated as moved:
            self._chat_moved(chat_id, str(moved.new_chat_id))
            await self._messages(int(moved.new_chat_id), reply, str(moved.new_chat_id))
        except Forbidden as error:
            self.bot.chat_lost(PLATFORM, chat_id)
            raise ChannelUnreachable(type(error).__name__) from None
        except PartlySent as partly:
            if not isinstance(partly.cause, Forbidden):
                raise
            self.bot.chat_lost(PLATFORM, chat_id)
            raise PartlySent(partly.sent, ChannelUnreachable(type(partly.cause).__name__)) from None

