"""Settings and sign-in prompts."""
