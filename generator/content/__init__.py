"""Content files: reading with positions (`source`), the model (`model`), the
format's checks (`checks`) and the whole of it (`load`)."""
