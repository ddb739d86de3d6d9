"""Child process that runs a model in the tflite_micro interpreter on request (see `micro_probe.py`).

Why a child: the TFLM Python interpreter can abort the whole process (not raise) on some allocation
failures, and it prints its reasons to the C stderr. This process reads one JSON command per stdin line and
answers one JSON line on stdout; fd 2 goes to a file so each answer carries the interpreter's own log lines.

Commands: {"cmd": "probe", "arena": N} allocates and invokes once on zeros;
{"cmd": "stream", "arena": N, "strides": S, "seed": K, "runs": R} runs R fresh interpreters over the same
random int8 input sequence and returns their raw outputs.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile

import numpy as np


def _log_reader():
    log = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the process
    sys.stderr.flush()
    os.dup2(log.fileno(), 2)
    position = 0

    def read_new() -> str:
        nonlocal position
        log.seek(position)
        text = log.read().decode("utf-8", "replace")
        position = log.tell()
        return text.strip()

    return read_new


def _interpreter(runtime, data: bytes, arena: int):
    interpreter = runtime.Interpreter.from_bytes(data, arena_size=int(arena))
    details = interpreter.get_input_details(0)
    return interpreter, tuple(int(d) for d in details["shape"]), np.dtype(details["dtype"])


def _probe(runtime, data: bytes, command: dict) -> dict:
    interpreter, shape, dtype = _interpreter(runtime, data, command["arena"])
    interpreter.set_input(np.zeros(shape, dtype), 0)
    interpreter.invoke()
    interpreter.get_output(0)
    return {"ok": True}


def _stream(runtime, data: bytes, command: dict) -> dict:
    runs = []
    for _ in range(int(command.get("runs", 2))):
        interpreter, shape, dtype = _interpreter(runtime, data, command["arena"])
        rng = np.random.default_rng(int(command.get("seed", 0)))
        outputs = []
        for _ in range(int(command["strides"])):
            if np.issubdtype(dtype, np.integer):
                info = np.iinfo(dtype)
                block = rng.integers(info.min, info.max, size=shape, endpoint=True).astype(dtype)
            else:
                block = rng.uniform(0, 26, size=shape).astype(dtype)
            interpreter.set_input(block, 0)
            interpreter.invoke()
            outputs.append(np.asarray(interpreter.get_output(0)).ravel().tolist())
        runs.append(outputs)
    return {"ok": True, "runs": runs}


def main() -> None:
    read_log = _log_reader()
    from tflite_micro.python.tflite_micro import runtime

    with open(sys.argv[1], "rb") as handle:
        data = handle.read()
    handlers = {"probe": _probe, "stream": _stream}
    for line in sys.stdin:
        command = json.loads(line)
        try:
            reply = handlers[command["cmd"]](runtime, data, command)
        except Exception as error:  # the interpreter raises RuntimeError; report it, keep serving
            reply = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        reply["log"] = read_log()[-2000:]
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
