"""The portal: pages in Chinese and their JSON twins over the store (FastAPI)."""
