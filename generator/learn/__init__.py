"""Learning from annotated sentences: reference annotations, scoring (`brief eval`), training sets,
`brief train` and leave-articles-out cross-validation. scikit-learn is imported only by training."""
