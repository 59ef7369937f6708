"""The README documents every command and option the CLI has."""
from pathlib import Path

import click

from timeline.cli import cli

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_and_option_is_in_the_readme():
    missing = []
    for name, command in cli.commands.items():
        if f"timeline {name}" not in README:
            missing.append(f"timeline {name}")
        for param in command.params:
            if isinstance(param, click.Option):
                longest = max(param.opts, key=len)
                if longest not in README and longest != "--help":
                    missing.append(f"{name} {longest}")
    assert missing == []
