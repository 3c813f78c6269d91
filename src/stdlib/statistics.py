"""`statistics`: mathematical statistics of numeric data.

The averages and spreads (`mean`, `variance`, `pvariance`, `stdev`, `pstdev`,
`harmonic_mean`) are computed exactly, as CPython 3.11 computes them: every value
is turned into an integer ratio, the sums are kept as Fractions, and only the
final result is converted, to the type the data had (int data whose result is not
a whole number gives a float; mixing int with float gives float; Fraction data
gives a Fraction). Hence `mean([1, 2, 3])` is the int 2 while `mean([1, 2])` is
1.5. Infinities and NaNs are carried through as floats, as CPython does. The
standard deviations are correctly rounded square roots of the exact variance.

`fmean`, `geometric_mean`, `covariance`, `correlation` and `linear_regression`
work in floats with `math.fsum`, in the same order of operations as CPython, so
their results agree to the last bit. `NormalDist.inv_cdf` uses Wichura's
algorithm AS 241 (PPND16), as CPython does.

Not provided: Decimal data (apy has no `decimal` module). `LinearRegression` is a
hand-written tuple subclass (apy has no `collections.namedtuple`) with the named
tuple's fields, repr, `_make`, `_replace` and `_asdict`.
"""

import math as _math
from fractions import Fraction

__all__ = [
    "NormalDist",
    "StatisticsError",
    "correlation",
    "covariance",
    "fmean",
    "geometric_mean",
    "harmonic_mean",
    "linear_regression",
    "mean",
    "median",
    "median_grouped",
    "median_high",
    "median_low",
    "mode",
    "multimode",
    "pstdev",
    "pvariance",
    "quantiles",
    "stdev",
    "variance",
]


class StatisticsError(ValueError):
    pass


# ---------------------------------------------------------------- exact sums

def _exact_ratio(x):
    """(numerator, denominator) of x; (x, None) for an infinity or NaN."""
    try:
        return x.as_integer_ratio()
    except AttributeError:
        pass
    except (OverflowError, ValueError):
        return (x, None)
    try:
        return (x.numerator, x.denominator)
    except AttributeError:
        raise TypeError(f"can't convert type '{type(x).__name__}' "
                        "to numerator/denominator") from None


def _coerce(T, S):
    """The type of a result mixing values of types T and S."""
    if T is S:
        return T
    if S is int or S is bool:
        return T
    if T is int:
        return S
    if issubclass(S, T):
        return S
    if issubclass(T, S):
        return T
    if issubclass(T, int):
        return S
    if issubclass(S, int):
        return T
    if issubclass(T, Fraction) and issubclass(S, float):
        return S
    if issubclass(T, float) and issubclass(S, Fraction):
        return T
    raise TypeError(f"don't know how to coerce {T.__name__} and {S.__name__}")


def _result_type(types):
    T = int
    for S in types:
        T = _coerce(T, S)
    return T


def _sum(data):
    """(type, exact total, count) of the values of data. The total is a Fraction,
    or a float when an infinity or NaN was met."""
    count = 0
    types = {}
    # Numerators summed per denominator: floats share a few power-of-two
    # denominators, so this keeps the Fraction arithmetic to the end.
    partials = {}
    for x in data:
        types[type(x)] = None
        n, d = _exact_ratio(x)
        count += 1
        partials[d] = partials.get(d, 0) + n
    if None in partials:
        total = partials[None]
    else:
        total = sum(Fraction(n, d) for d, n in partials.items())
    return _result_type(types), total, count


def _squared_deviations(data, c):
    for x in data:
        d = x - c
        yield d * d


def _ss(data, c=None):
    """(type, sum of squared deviations, mean, count) of data, exactly; the
    deviations are taken from c when it is given."""
    if c is not None:
        T, ssd, count = _sum(_squared_deviations(data, c))
        return T, ssd, c, count
    count = 0
    types = {}
    sx_partials = {}
    sxx_partials = {}
    for x in data:
        types[type(x)] = None
        n, d = _exact_ratio(x)
        count += 1
        sx_partials[d] = sx_partials.get(d, 0) + n
        sxx_partials[d] = sxx_partials.get(d, 0) + n * n
    if not count:
        ssd = c = Fraction(0)
    elif None in sx_partials:
        ssd = c = sx_partials[None]
    else:
        sx = sum(Fraction(n, d) for d, n in sx_partials.items())
        sxx = sum(Fraction(n, d * d) for d, n in sxx_partials.items())
        # Poor numerically in floats, exact in Fractions.
        ssd = (count * sxx - sx * sx) / count
        c = sx / count
    return _result_type(types), ssd, c, count


def _convert(value, T):
    """value (a Fraction, or a float) converted to the data's type T; int data
    with a fractional result gives a float."""
    if type(value) is T:
        return value
    if issubclass(T, int) and value.denominator != 1:
        T = float
    return T(value)


def _fail_neg(values, errmsg):
    for x in values:
        if x < 0:
            raise StatisticsError(errmsg)
        yield x


def _float_sqrt_of_frac(n, m):
    """The square root of n/m (n >= 0, m > 0) as a correctly rounded float."""
    if not n:
        return 0.0
    # Scale by 4**k so that the integer root has at least 56 bits, round it to
    # odd (a sticky last bit for inexact roots), and let the correctly rounded
    # int division do the final rounding.
    k = 58 - (n.bit_length() - m.bit_length()) // 2
    if k >= 0:
        q, r = divmod(n << (2 * k), m)
    else:
        q, r = divmod(n, m << (-2 * k))
    root = _math.isqrt(q)
    if r or root * root != q:
        root |= 1
    if k >= 0:
        return root / (1 << k)
    return float(root << -k)


# ---------------------------------------------------------------- averages

def mean(data):
    """The arithmetic mean of data, computed exactly and returned in the data's
    type (a float for int data whose mean is not whole)."""
    T, total, n = _sum(data)
    if n < 1:
        raise StatisticsError("mean requires at least one data point")
    return _convert(total / n, T)


def fmean(data, weights=None):
    """The arithmetic mean of data as a float, weighted when `weights` is given."""
    try:
        n = len(data)
    except TypeError:
        n = 0
        counted = [0]

        def count(iterable):
            for i, x in enumerate(iterable, start=1):
                counted[0] = i
                yield x

        data = count(data)
    else:
        counted = None
    if weights is None:
        total = _math.fsum(data)
        if counted is not None:
            n = counted[0]
        if not n:
            raise StatisticsError("fmean requires at least one data point")
        return total / n
    try:
        num_weights = len(weights)
    except TypeError:
        weights = list(weights)
        num_weights = len(weights)
    num = _math.fsum(x * w for x, w in zip(data, weights))
    if counted is not None:
        n = counted[0]
    if n != num_weights:
        raise StatisticsError("data and weights must be the same length")
    den = _math.fsum(weights)
    if not den:
        raise StatisticsError("sum of weights must be non-zero")
    return num / den


def geometric_mean(data):
    """The geometric mean of positive data, as a float."""
    try:
        return _math.exp(fmean(map(_math.log, data)))
    except ValueError:
        raise StatisticsError("geometric mean requires a non-empty dataset "
                              "containing positive numbers") from None


def harmonic_mean(data, weights=None):
    """The harmonic mean of non-negative data, weighted when `weights` is given;
    0 when some value is zero."""
    if iter(data) is data:
        data = list(data)
    errmsg = "harmonic mean does not support negative values"
    n = len(data)
    if n < 1:
        raise StatisticsError("harmonic_mean requires at least one data point")
    if n == 1 and weights is None:
        x = data[0]
        if isinstance(x, (int, float, Fraction)):
            if x < 0:
                raise StatisticsError(errmsg)
            return x
        raise TypeError("unsupported type")
    if weights is None:
        weights = [1] * n
        sum_weights = n
    else:
        if iter(weights) is weights:
            weights = list(weights)
        if len(weights) != n:
            raise StatisticsError("Number of weights does not match data size")
        sum_weights = _sum(_fail_neg(weights, errmsg))[1]
    try:
        data = _fail_neg(data, errmsg)
        T, total, count = _sum(w / x for w, x in zip(weights, data))
    except ZeroDivisionError:
        return 0
    if total <= 0:
        raise StatisticsError("Weighted sum must be positive")
    return _convert(sum_weights / total, T)


# ---------------------------------------------------------------- medians, modes

def median(data):
    """The middle value of data, or the mean of the two middle values."""
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    if n % 2 == 1:
        return data[n // 2]
    i = n // 2
    return (data[i - 1] + data[i]) / 2


def median_low(data):
    """The middle value of data, or the lower of the two middle values."""
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    if n % 2 == 1:
        return data[n // 2]
    return data[n // 2 - 1]


def median_high(data):
    """The middle value of data, or the higher of the two middle values."""
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    return data[n // 2]


def _first_index(data, x, lo, hi, after):
    """bisect_left (after=False) or bisect_right (after=True) of x in data[lo:hi]."""
    while lo < hi:
        mid = (lo + hi) // 2
        if (x < data[mid]) if after else (data[mid] < x):
            if after:
                hi = mid
            else:
                lo = mid + 1
        elif after:
            lo = mid + 1
        else:
            hi = mid
    return lo


def median_grouped(data, interval=1.0):
    """The median of data binned in classes of width `interval` around each
    value, interpolated within the middle class; a float."""
    data = sorted(data)
    n = len(data)
    if not n:
        raise StatisticsError("no median for empty data")
    # The middle value is the midpoint of its class interval, which holds all
    # the data equal to it: data[i:j].
    x = data[n // 2]
    i = _first_index(data, x, 0, n, False)
    j = _first_index(data, x, i, n, True)
    try:
        interval = float(interval)
        x = float(x)
    except ValueError:
        raise TypeError("Value cannot be converted to a float")
    low = x - interval / 2.0    # where the middle class starts
    below = i                   # how many values lie in earlier classes
    inside = j - i              # how many lie in the middle class
    return low + interval * (n / 2 - below) / inside


def _counts(data):
    """Occurrences of each value, in order of first appearance."""
    counts = {}
    for x in data:
        counts[x] = counts.get(x, 0) + 1
    return counts


def mode(data):
    """The most common value of data (the first seen, among equally common ones)."""
    counts = _counts(iter(data))
    best = None
    best_count = 0
    for value, count in counts.items():
        if count > best_count:
            best, best_count = value, count
    if not best_count:
        raise StatisticsError("no mode for empty data")
    return best


def multimode(data):
    """The most common values of data, in order of first appearance."""
    counts = _counts(iter(data))
    if not counts:
        return []
    maxcount = max(counts.values())
    return [value for value, count in counts.items() if count == maxcount]


def quantiles(data, *, n=4, method="exclusive"):
    """The n - 1 cut points dividing data into n groups of equal probability,
    interpolated linearly; `method` is 'exclusive' (data is a sample) or
    'inclusive' (data is the population)."""
    if n < 1:
        raise StatisticsError("n must be at least 1")
    data = sorted(data)
    ld = len(data)
    if ld < 2:
        raise StatisticsError("must have at least two data points")
    result = []
    if method == "inclusive":
        m = ld - 1
        for i in range(1, n):
            j, delta = divmod(i * m, n)
            result.append((data[j] * (n - delta) + data[j + 1] * delta) / n)
        return result
    if method == "exclusive":
        m = ld + 1
        for i in range(1, n):
            j = i * m // n
            j = 1 if j < 1 else ld - 1 if j > ld - 1 else j
            delta = i * m - j * n       # exact integer arithmetic
            result.append((data[j - 1] * (n - delta) + data[j] * delta) / n)
        return result
    raise ValueError(f"Unknown method: {method!r}")


# ---------------------------------------------------------------- spread

def variance(data, xbar=None):
    """The sample variance of data (at least two values); `xbar` is the mean
    to measure deviations from, computed when not given."""
    T, ss, c, n = _ss(data, xbar)
    if n < 2:
        raise StatisticsError("variance requires at least two data points")
    return _convert(ss / (n - 1), T)


def pvariance(data, mu=None):
    """The population variance of data (at least one value); `mu` is the mean
    to measure deviations from, computed when not given."""
    T, ss, c, n = _ss(data, mu)
    if n < 1:
        raise StatisticsError("pvariance requires at least one data point")
    return _convert(ss / n, T)


def stdev(data, xbar=None):
    """The sample standard deviation: the square root of variance()."""
    T, ss, c, n = _ss(data, xbar)
    if n < 2:
        raise StatisticsError("stdev requires at least two data points")
    mss = ss / (n - 1)
    return _float_sqrt_of_frac(mss.numerator, mss.denominator)


def pstdev(data, mu=None):
    """The population standard deviation: the square root of pvariance()."""
    T, ss, c, n = _ss(data, mu)
    if n < 1:
        raise StatisticsError("pstdev requires at least one data point")
    mss = ss / n
    return _float_sqrt_of_frac(mss.numerator, mss.denominator)


def _mean_stdev(data):
    """The mean and sample standard deviation as floats, in one pass."""
    T, ss, xbar, n = _ss(data)
    if n < 2:
        raise StatisticsError("stdev requires at least two data points")
    mss = ss / (n - 1)
    try:
        return float(xbar), _float_sqrt_of_frac(mss.numerator, mss.denominator)
    except AttributeError:
        # An infinity or NaN in the data.
        return float(xbar), float(xbar) / float(ss)


# ---------------------------------------------------------------- two variables

def covariance(x, y, /):
    """The sample covariance of two equally long sequences."""
    n = len(x)
    if len(y) != n:
        raise StatisticsError("covariance requires that both inputs "
                              "have same number of data points")
    if n < 2:
        raise StatisticsError("covariance requires at least two data points")
    xbar = _math.fsum(x) / n
    ybar = _math.fsum(y) / n
    sxy = _math.fsum((xi - xbar) * (yi - ybar) for xi, yi in zip(x, y))
    return sxy / (n - 1)


def correlation(x, y, /):
    """Pearson's correlation coefficient of two equally long sequences."""
    n = len(x)
    if len(y) != n:
        raise StatisticsError("correlation requires that both inputs "
                              "have same number of data points")
    if n < 2:
        raise StatisticsError("correlation requires at least two data points")
    xbar = _math.fsum(x) / n
    ybar = _math.fsum(y) / n
    sxy = _math.fsum((xi - xbar) * (yi - ybar) for xi, yi in zip(x, y))
    sxx = _math.fsum((xi - xbar) * (xi - xbar) for xi in x)
    syy = _math.fsum((yi - ybar) * (yi - ybar) for yi in y)
    try:
        return sxy / _math.sqrt(sxx * syy)
    except ZeroDivisionError:
        raise StatisticsError("at least one of the inputs is constant")


class LinearRegression(tuple):
    """LinearRegression(slope, intercept)"""

    __slots__ = ()
    _fields = ("slope", "intercept")
    _field_defaults = {}
    __match_args__ = ("slope", "intercept")

    def __new__(cls, slope, intercept):
        return tuple.__new__(cls, (slope, intercept))

    @classmethod
    def _make(cls, iterable):
        values = tuple(iterable)
        if len(values) != 2:
            raise TypeError(f"Expected 2 arguments, got {len(values)}")
        return tuple.__new__(cls, values)

    def _replace(self, /, **kwds):
        result = self._make((kwds.pop("slope", self[0]),
                             kwds.pop("intercept", self[1])))
        if kwds:
            raise ValueError(f"Got unexpected field names: {list(kwds)!r}")
        return result

    def _asdict(self):
        return {"slope": self[0], "intercept": self[1]}

    def __getnewargs__(self):
        return tuple(self)

    def __repr__(self):
        return f"{type(self).__name__}(slope={self[0]!r}, intercept={self[1]!r})"

    @property
    def slope(self):
        """Alias for field number 0"""
        return self[0]

    @property
    def intercept(self):
        """Alias for field number 1"""
        return self[1]


def linear_regression(x, y, /, *, proportional=False):
    """(slope, intercept) of the least-squares line through the points (x, y);
    with `proportional` the line goes through the origin."""
    n = len(x)
    if len(y) != n:
        raise StatisticsError("linear regression requires that both inputs "
                              "have same number of data points")
    if n < 2:
        raise StatisticsError("linear regression requires at least two data points")
    if proportional:
        sxy = _math.fsum(xi * yi for xi, yi in zip(x, y))
        sxx = _math.fsum(xi * xi for xi in x)
    else:
        xbar = _math.fsum(x) / n
        ybar = _math.fsum(y) / n
        sxy = _math.fsum((xi - xbar) * (yi - ybar) for xi, yi in zip(x, y))
        sxx = _math.fsum((xi - xbar) * (xi - xbar) for xi in x)
    try:
        slope = sxy / sxx       # covariance(x, y) / variance(x)
    except ZeroDivisionError:
        raise StatisticsError("x is constant")
    intercept = 0.0 if proportional else ybar - slope * xbar
    return LinearRegression(slope=slope, intercept=intercept)


# ---------------------------------------------------------------- NormalDist

# Wichura's AS 241 (PPND16) rational approximations, coefficients from the
# highest power down; each polynomial is evaluated by Horner's rule.
_PPND_CENTRAL_NUM = (
    2.5090809287301226727e+3, 3.3430575583588128105e+4, 6.7265770927008700853e+4,
    4.5921953931549871457e+4, 1.3731693765509461125e+4, 1.9715909503065514427e+3,
    1.3314166789178437745e+2, 3.3871328727963666080e+0)
_PPND_CENTRAL_DEN = (
    5.2264952788528545610e+3, 2.8729085735721942674e+4, 3.9307895800092710610e+4,
    2.1213794301586595867e+4, 5.3941960214247511077e+3, 6.8718700749205790830e+2,
    4.2313330701600911252e+1, 1.0)
_PPND_NEAR_NUM = (
    7.74545014278341407640e-4, 2.27238449892691845833e-2, 2.41780725177450611770e-1,
    1.27045825245236838258e+0, 3.64784832476320460504e+0, 5.76949722146069140550e+0,
    4.63033784615654529590e+0, 1.42343711074968357734e+0)
_PPND_NEAR_DEN = (
    1.05075007164441684324e-9, 5.47593808499534494600e-4, 1.51986665636164571966e-2,
    1.48103976427480074590e-1, 6.89767334985100004550e-1, 1.67638483018380384940e+0,
    2.05319162663775882187e+0, 1.0)
_PPND_FAR_NUM = (
    2.01033439929228813265e-7, 2.71155556874348757815e-5, 1.24266094738807843860e-3,
    2.65321895265761230930e-2, 2.96560571828504891230e-1, 1.78482653991729133580e+0,
    5.46378491116411436990e+0, 6.65790464350110377720e+0)
_PPND_FAR_DEN = (
    2.04426310338993978564e-15, 1.42151175831644588870e-7, 1.84631831751005468180e-5,
    7.86869131145613259100e-4, 1.48753612908506148525e-2, 1.36929880922735805310e-1,
    5.99832206555887937690e-1, 1.0)


def _horner(coefficients, r):
    acc = coefficients[0]
    for c in coefficients[1:]:
        acc = acc * r + c
    return acc


def _normal_dist_inv_cdf(p, mu, sigma):
    q = p - 0.5
    if _math.fabs(q) <= 0.425:
        r = 0.180625 - q * q
        x = (_horner(_PPND_CENTRAL_NUM, r) * q) / _horner(_PPND_CENTRAL_DEN, r)
        return mu + (x * sigma)
    r = p if q <= 0.0 else 1.0 - p
    r = _math.sqrt(-_math.log(r))
    if r <= 5.0:
        r = r - 1.6
        x = _horner(_PPND_NEAR_NUM, r) / _horner(_PPND_NEAR_DEN, r)
    else:
        r = r - 5.0
        x = _horner(_PPND_FAR_NUM, r) / _horner(_PPND_FAR_DEN, r)
    if q < 0.0:
        x = -x
    return mu + (x * sigma)


_SQRT2 = _math.sqrt(2.0)


class NormalDist:
    """The normal distribution with mean `mu` and standard deviation `sigma`."""

    __slots__ = {
        "_mu": "Arithmetic mean of a normal distribution",
        "_sigma": "Standard deviation of a normal distribution",
    }

    def __init__(self, mu=0.0, sigma=1.0):
        """NormalDist(mu=0.0, sigma=1.0)"""
        if sigma < 0.0:
            raise StatisticsError("sigma must be non-negative")
        self._mu = float(mu)
        self._sigma = float(sigma)

    @classmethod
    def from_samples(cls, data):
        """The normal distribution estimated from sample data."""
        return cls(*_mean_stdev(data))

    def samples(self, n, *, seed=None):
        """n random values of the distribution; `seed` makes them reproducible."""
        import random
        gauss = random.gauss if seed is None else random.Random(seed).gauss
        mu, sigma = self._mu, self._sigma
        return [gauss(mu, sigma) for _ in range(n)]

    def pdf(self, x):
        """The probability density at x."""
        variance = self._sigma * self._sigma
        if not variance:
            raise StatisticsError("pdf() not defined when sigma is zero")
        diff = x - self._mu
        return _math.exp(diff * diff / (-2.0 * variance)) / _math.sqrt(_math.tau * variance)

    def cdf(self, x):
        """The probability of a value at most x."""
        if not self._sigma:
            raise StatisticsError("cdf() not defined when sigma is zero")
        return 0.5 * (1.0 + _math.erf((x - self._mu) / (self._sigma * _SQRT2)))

    def inv_cdf(self, p):
        """The value x for which cdf(x) == p (0 < p < 1)."""
        if p <= 0.0 or p >= 1.0:
            raise StatisticsError("p must be in the range 0.0 < p < 1.0")
        if self._sigma <= 0.0:
            raise StatisticsError("cdf() not defined when sigma at or below zero")
        return _normal_dist_inv_cdf(p, self._mu, self._sigma)

    def quantiles(self, n=4):
        """The n - 1 cut points dividing the distribution into n parts of equal
        probability."""
        return [self.inv_cdf(i / n) for i in range(1, n)]

    def overlap(self, other):
        """The overlapping coefficient of two normal distributions: the area their
        density functions share, between 0.0 and 1.0."""
        if not isinstance(other, NormalDist):
            raise TypeError("Expected another NormalDist instance")
        X, Y = self, other
        # Ordered, so that a.overlap(b) and b.overlap(a) compute the same thing.
        if (Y._sigma, Y._mu) < (X._sigma, X._mu):
            X, Y = Y, X
        X_var, Y_var = X.variance, Y.variance
        if not X_var or not Y_var:
            raise StatisticsError("overlap() not defined when sigma is zero")
        dv = Y_var - X_var
        dm = _math.fabs(Y._mu - X._mu)
        if not dv:
            return 1.0 - _math.erf(dm / (2.0 * X._sigma * _SQRT2))
        a = X._mu * Y_var - Y._mu * X_var
        b = X._sigma * Y._sigma * _math.sqrt(dm * dm + dv * _math.log(Y_var / X_var))
        x1 = (a + b) / dv
        x2 = (a - b) / dv
        return 1.0 - (_math.fabs(Y.cdf(x1) - X.cdf(x1)) + _math.fabs(Y.cdf(x2) - X.cdf(x2)))

    def zscore(self, x):
        """How many standard deviations x lies above the mean."""
        if not self._sigma:
            raise StatisticsError("zscore() not defined when sigma is zero")
        return (x - self._mu) / self._sigma

    @property
    def mean(self):
        """The mean, mu."""
        return self._mu

    @property
    def median(self):
        """The median, which is the mean."""
        return self._mu

    @property
    def mode(self):
        """The mode, which is the mean."""
        return self._mu

    @property
    def stdev(self):
        """The standard deviation, sigma."""
        return self._sigma

    @property
    def variance(self):
        """The variance, sigma squared."""
        return self._sigma * self._sigma

    def __add__(x1, x2):
        """Shifted by a constant, or the sum of two independent normal variables."""
        if isinstance(x2, NormalDist):
            return NormalDist(x1._mu + x2._mu, _math.hypot(x1._sigma, x2._sigma))
        return NormalDist(x1._mu + x2, x1._sigma)

    def __sub__(x1, x2):
        """Shifted by a constant, or the difference of two independent normal
        variables."""
        if isinstance(x2, NormalDist):
            return NormalDist(x1._mu - x2._mu, _math.hypot(x1._sigma, x2._sigma))
        return NormalDist(x1._mu - x2, x1._sigma)

    def __mul__(x1, x2):
        """Scaled by a constant (sigma by its absolute value)."""
        return NormalDist(x1._mu * x2, x1._sigma * _math.fabs(x2))

    def __truediv__(x1, x2):
        """Scaled by the inverse of a constant."""
        return NormalDist(x1._mu / x2, x1._sigma / _math.fabs(x2))

    def __pos__(x1):
        """A copy."""
        return NormalDist(x1._mu, x1._sigma)

    def __neg__(x1):
        """Mirrored around zero."""
        return NormalDist(-x1._mu, x1._sigma)

    __radd__ = __add__

    def __rsub__(x1, x2):
        """A constant minus this distribution."""
        return -(x1 - x2)

    __rmul__ = __mul__

    def __eq__(x1, x2):
        """Equal when mu and sigma are."""
        if not isinstance(x2, NormalDist):
            return NotImplemented
        return x1._mu == x2._mu and x1._sigma == x2._sigma

    def __hash__(self):
        """The hash of (mu, sigma)."""
        return hash((self._mu, self._sigma))

    def __repr__(self):
        return f"{type(self).__name__}(mu={self._mu!r}, sigma={self._sigma!r})"

    def __getstate__(self):
        return self._mu, self._sigma

    def __setstate__(self, state):
        self._mu, self._sigma = state
