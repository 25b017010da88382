# Reference fits from R for the risk-adjustment models of measures.md v2: aliased columns
# (R's pivoted QR, tol 1e-7), maximum likelihood (glm) and Firth's bias-reduced estimator
# (brglm2::brglmFit, type = "AS_mean", start = 0).
#
# Reads every design in tests/reference/r/*.csv (columns: the design's terms, intercept
# first, then `trials` and `events`; one row per covariate pattern) and writes
# tests/reference/r_reference.json. Run from the repository root through
# tests/reference/make_r_reference.sh, which also writes the designs.
#
# Shares no code with the Rust pipeline: the design is taken as given, everything else
# (aliasing, fits, predictions, standard errors, c-statistic, the separation rule) is R's.

suppressPackageStartupMessages({
  library(brglm2)
  library(jsonlite)
})

dir <- "tests/reference/r"
files <- sort(list.files(dir, pattern = "\\.csv$", full.names = TRUE))
if (length(files) == 0) stop("no designs in ", dir)

# The separation rule of measures.md v2 on R's default glm fit (epsilon 1e-8, maxit 25).
separation_rule <- function(fit) {
  eps <- 10 * .Machine$double.eps
  mu <- fit$fitted.values[fit$prior.weights > 0]
  reasons <- character(0)
  if (!fit$converged) reasons <- c(reasons, "no_convergence")
  if (any(mu < eps | mu > 1 - eps)) reasons <- c(reasons, "fitted_boundary")
  if (any(abs(coef(fit)) > 10, na.rm = TRUE)) reasons <- c(reasons, "large_coefficient")
  reasons
}

# Area under the ROC curve on the ungrouped outcomes (Mann-Whitney with average ranks).
c_statistic <- function(p, trials, events) {
  pp <- c(rep(p, events), rep(p, trials - events))
  yy <- c(rep(1, sum(events)), rep(0, sum(trials - events)))
  n1 <- sum(yy == 1)
  n0 <- sum(yy == 0)
  (sum(rank(pp)[yy == 1]) - n1 * (n1 + 1) / 2) / (n1 * n0)
}

describe <- function(fit, X, trials, events) {
  p <- as.vector(plogis(X %*% coef(fit)))
  list(
    coefficients = as.list(coef(fit)),
    std_errors = as.list(sqrt(diag(vcov(fit)))),
    predicted = I(p),
    c_statistic = c_statistic(p, trials, events),
    iterations = fit$iter,
    converged = fit$converged
  )
}

out <- list()
for (f in files) {
  name <- sub("\\.csv$", "", basename(f))
  d <- read.csv(f, check.names = FALSE)
  trials <- d$trials
  events <- d$events
  X <- as.matrix(d[, setdiff(names(d), c("trials", "events")), drop = FALSE])
  terms <- colnames(X)
  # Aliasing on the ungrouped design: each pattern repeated `trials` times.
  Xu <- X[rep(seq_len(nrow(X)), trials), , drop = FALSE]
  q <- qr(Xu, tol = 1e-7)
  kept <- sort(q$pivot[seq_len(q$rank)])
  aliased <- setdiff(seq_along(terms), kept)
  Xr <- X[, kept, drop = FALSE]
  y <- cbind(events, trials - events)

  # measures.md's ML fit (glm defaults): does the separation rule trigger?
  ml_default <- suppressWarnings(glm(y ~ Xr - 1, family = binomial()))
  names(ml_default$coefficients) <- colnames(Xr)
  reasons <- separation_rule(ml_default)

  entry <- list(
    terms = I(terms),
    rows = sum(trials),
    events = sum(events),
    aliased = I(terms[aliased]),
    ml_default_converged = ml_default$converged,
    ml_default_iterations = ml_default$iter,
    separation = I(reasons),
    estimator = if (length(reasons) == 0) "ml" else "firth"
  )
  if (length(reasons) == 0) {
    # The maximum-likelihood estimate to full precision.
    ml <- glm(y ~ Xr - 1, family = binomial(), control = glm.control(epsilon = 1e-14, maxit = 200))
    names(ml$coefficients) <- colnames(Xr)
    stopifnot(ml$converged)
    entry$ml <- describe(ml, Xr, trials, events)
    entry$ml$log_likelihood <- as.numeric(logLik(ml)) -
      sum(lchoose(trials, events)) # binomial constant removed: the Bernoulli log-likelihood
  }
  firth <- glm(y ~ Xr - 1, family = binomial(), method = "brglmFit", type = "AS_mean",
               start = rep(0, ncol(Xr)), control = brglmControl(epsilon = 1e-12, maxit = 1000))
  names(firth$coefficients) <- colnames(Xr)
  stopifnot(firth$converged)
  entry$firth <- describe(firth, Xr, trials, events)
  out[[name]] <- entry
  cat(sprintf("%-32s rows %6d events %5d terms %2d aliased %d  -> %s %s\n", name, sum(trials), sum(events),
              length(terms), length(aliased), entry$estimator, paste(reasons, collapse = ",")))
}

out$versions <- list(
  R = R.version.string,
  brglm2 = as.character(packageVersion("brglm2")),
  jsonlite = as.character(packageVersion("jsonlite"))
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "tests/reference/r_reference.json")
