"""One call to an OpenAI-compatible audio endpoint, its failures as VoiceUnavailable."""

from __future__ import annotations

from typing import Any

from interviewer.voice.errors import VoiceUnavailable


def post(url: str, api_key: str | None, timeout: float, **kwargs: Any):
    """POST to `url` (bearer `api_key` when given); the httpx response, or
    VoiceUnavailable naming the URL and what went wrong."""
    import httpx

    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    try:
        resp = httpx.post(url, headers=headers, timeout=timeout, **kwargs)
        resp.raise_for_status()
    except httpx.HTTPStatusError as exc:
        raise VoiceUnavailable(
            f"{url} answered {exc.response.status_code} {exc.response.reason_phrase}"
        ) from None
    except httpx.HTTPError as exc:
        raise VoiceUnavailable(f"{url}: {type(exc).__name__}: {exc}") from None
    return resp
