"""The Gradio app: a thin shell over `interviewer.session` and `interviewer.grading.batch`."""

from ui.app import create_app
from ui.launch import launch

__all__ = ["create_app", "launch"]
