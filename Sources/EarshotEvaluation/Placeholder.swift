// Evaluation metrics and gold-file readers live here.
