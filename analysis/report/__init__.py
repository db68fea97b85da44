"""The study end to end and its outputs for readers: the PDF report, the HTML explorer, highlighted evidence."""
