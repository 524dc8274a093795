"""A receiver for a Kitsu custom action: a small HTTP server that Kitsu posts the selected tasks
to, parsed and checked by `kitsu_sdk.custom_actions.parse_custom_action`.

In Kitsu (Settings > Custom actions) add an action whose URL is this server's
(`http://pipeline-host:8765/`). When someone runs it on selected tasks, Kitsu posts who they
are, the production, the page and the task ids, as a form (a new browser tab opens on the
answer) or, with "AJAX" ticked, as JSON. This receiver refuses a malformed post with 400 (413
when too large), looks each selected task up with the API (refusing ids Kitsu does not know or
tasks of another production), and then acts: here it comments on each task, keeping its
status, when `--comment` is given, and answers with the tasks it saw (an HTML page for a form
post, JSON for AJAX).

The parser checks the shape, not the origin: run this behind your studio's network rules or
authentication, and use an account (a bot token) that may do only what the action needs.

    python examples/custom_action_receiver.py --port 8765 --comment "Sent to the farm"
    python examples/custom_action_receiver.py --port 0 --max-requests 3   # a smoke test

It prints one JSON line when ready (`{"listening": "http://127.0.0.1:PORT/"}`) and one per
request. Reads KITSU_HOST and KITSU_LOGIN/KITSU_PASSWORD (or KITSU_TOKEN).
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, Optional

from kitsu_sdk import InvalidInputError, KitsuClient, NotFoundError
from kitsu_sdk.custom_actions import MAX_BODY_BYTES, CustomActionRequest, parse_custom_action


def connect() -> KitsuClient:
    """A client from the environment (KITSU_HOST, and KITSU_TOKEN or KITSU_LOGIN +
    KITSU_PASSWORD; see kitsu_sdk.config): it logs in on its first request."""
    return KitsuClient.from_env()


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def act(client: KitsuClient, request: CustomActionRequest, comment: Optional[str]) -> list[Any]:
    """Look the selected tasks up, then comment on each (keeping its status) when asked."""
    tasks = []
    for task_id in request.selection:
        try:
            task = client.task.get_task(task_id)
        except NotFoundError:
            raise Refused(404, f"no task {task_id} in Kitsu") from None
        if request.project_id and task["project_id"] != request.project_id:
            raise Refused(400, f"task {task_id} is not in production {request.project_id}")
        tasks.append(task)
    done = []
    for task in tasks:
        if comment:
            text = f"{comment} (asked by {request.person_email})"
            client.task.add_comment(task, task["task_status_id"], text)
        entity = (task.get("entity") or {}).get("name") or task["entity_id"]
        task_type = (task.get("task_type") or {}).get("name") or task["task_type_id"]
        done.append({"task_id": task["id"], "entity": entity, "task_type": task_type})
    return done


def make_handler(
    client: KitsuClient, comment: Optional[str], served: list[int]
) -> type[BaseHTTPRequestHandler]:
    """The request handler class; `served[0]` counts the answers."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "kitsu-custom-action/1"

        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            try:
                request = self.read_request()
                tasks = act(client, request, comment)
            except Refused as refused:
                self.answer(refused.status, {"error": str(refused)}, as_json=True)
                return
            answer = {
                "person": request.person_email,
                "project_id": request.project_id,
                "entity_type": request.entity_type,
                "tasks": tasks,
            }
            self.answer(200, answer, as_json=request.ajax)

        def do_GET(self) -> None:  # noqa: N802
            self.answer(405, {"error": "Kitsu posts custom actions: use POST"}, as_json=True)

        def read_request(self) -> CustomActionRequest:
            length = self.headers.get("Content-Length")
            if length is None or not length.isdigit():
                raise Refused(411, "a Content-Length is required")
            if int(length) > MAX_BODY_BYTES:
                raise Refused(413, f"body over {MAX_BODY_BYTES} bytes")
            body = self.rfile.read(int(length))
            try:
                return parse_custom_action(body, self.headers.get("Content-Type"))
            except InvalidInputError as error:
                raise Refused(400, str(error)) from None

        def answer(self, status: int, payload: dict[str, Any], as_json: bool) -> None:
            if as_json:
                body = json.dumps(payload).encode()
                kind = "application/json"
            else:
                items = "".join(
                    f"<li>{html.escape(str(t['entity']))} / {html.escape(str(t['task_type']))}</li>"
                    for t in payload["tasks"]
                )
                who = html.escape(str(payload["person"]))
                body = f"<h1>Done for {who}</h1><ul>{items}</ul>".encode()
                kind = "text/html; charset=utf-8"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            served[0] += 1
            log = {"status": status, "path": self.path}
            log.update({"error": payload["error"]} if "error" in payload else {})
            log.update({"tasks": len(payload["tasks"])} if "tasks" in payload else {})
            print(json.dumps(log), flush=True)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass  # one JSON line per request instead (see answer)

    return Handler


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1", help="the address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="the port (0: any free one)")
    parser.add_argument("--comment", help="comment this on each selected task")
    parser.add_argument("--max-requests", type=int, help="stop after this many requests")
    args = parser.parse_args(argv)

    client = connect()
    served = [0]
    server = HTTPServer((args.host, args.port), make_handler(client, args.comment, served))
    server.timeout = 1.0
    host, port = server.server_address[:2]
    print(json.dumps({"listening": f"http://{host}:{port}/"}), flush=True)
    try:
        while args.max_requests is None or served[0] < args.max_requests:
            server.handle_request()  # returns after one request or the 1 s timeout
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        client.log_out()
    return 0


if __name__ == "__main__":
    sys.exit(main())
