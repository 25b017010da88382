# Synthetic designs for tests/reference/make_r_reference.R, one CSV each in
# tests/reference/r/ (terms, then trials and events; here one row per person, trials = 1):
#
# - synthetic-aliased: a factor whose three indicators plus the intercept are collinear, a
#   flag and its complement, a duplicated column and a column equal to another up to 1e-9
#   noise (aliased at R's qr() tolerance 1e-7, though glm's own 1e-11 would keep it);
# - synthetic-complete-separation: x > 0.5 decides the outcome;
# - synthetic-quasi-separation: everyone with a = 1 has the outcome, the rest vary.
set.seed(20261206)
dir <- "tests/reference/r"
dir.create(dir, showWarnings = FALSE, recursive = TRUE)
write_design <- function(name, X, y) {
  d <- data.frame(X, trials = 1, events = y, check.names = FALSE)
  write.csv(d, file.path(dir, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
}

n <- 400
f <- sample(c("A", "B", "C"), n, replace = TRUE, prob = c(0.5, 0.3, 0.2))
g <- rbinom(n, 1, 0.4)
count <- pmin(rpois(n, 1.5), 5)
eta <- -0.8 + 0.7 * (f == "B") - 0.5 * (f == "C") + 0.9 * g + 0.3 * count
y <- rbinom(n, 1, plogis(eta))
X <- cbind(intercept = 1, "f=A" = as.numeric(f == "A"), "f=B" = as.numeric(f == "B"),
           "f=C" = as.numeric(f == "C"), "g=Y" = g, "g=N" = 1 - g, count = count,
           "dup=B" = as.numeric(f == "B"), "near=g" = g + 1e-9 * rnorm(n))
write_design("synthetic-aliased", X, y)

n <- 60
x <- round(runif(n), 3)
z <- rbinom(n, 1, 0.5)
y <- as.numeric(x > 0.5)
write_design("synthetic-complete-separation", cbind(intercept = 1, x = x, "z=Y" = z), y)

n <- 200
a <- rbinom(n, 1, 0.15)
b <- pmin(rpois(n, 2), 5)
cc <- rbinom(n, 1, 0.5)
y <- ifelse(a == 1, 1, rbinom(n, 1, plogis(-1 + 0.3 * b + 0.4 * cc)))
write_design("synthetic-quasi-separation", cbind(intercept = 1, "a=Y" = a, b = b, "c=Y" = cc), y)
