using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;

namespace Simulation.Silo.Calibration;

/// <summary>
/// The covariance matrix adaptation evolution strategy (CMA-ES; Hansen 2016, "The CMA Evolution
/// Strategy: A Tutorial", arXiv:1604.00772), with the tutorial's default settings, on MathNet's
/// linear algebra. It learns the shape of the objective around its mean, so it copes with many
/// correlated parameters where a simplex collapses. Deterministic for a given seed.
/// </summary>
public sealed class Cmaes
{
    private readonly int _n;
    private readonly int _lambda;
    private readonly int _mu;
    private readonly double[] _weights;
    private readonly double _muEff, _cSigma, _dSigma, _cC, _c1, _cMu, _chiN;
    private readonly MersenneTwister _rng;
    private Vector<double> _mean;
    private double _sigma;
    private Matrix<double> _c;
    private Vector<double> _pC, _pSigma;

    public Cmaes(double[] start, double sigma, int seed, int? populationSize = null)
    {
        _n = start.Length;
        _lambda = populationSize ?? 4 + (int)Math.Floor(3 * Math.Log(_n));
        _mu = _lambda / 2;
        var raw = Enumerable.Range(1, _mu).Select(i => Math.Log(_mu + 0.5) - Math.Log(i)).ToArray();
        var sum = raw.Sum();
        _weights = raw.Select(w => w / sum).ToArray();
        _muEff = 1 / _weights.Sum(w => w * w);
        _cSigma = (_muEff + 2) / (_n + _muEff + 5);
        _dSigma = 1 + 2 * Math.Max(0, Math.Sqrt((_muEff - 1) / (_n + 1)) - 1) + _cSigma;
        _cC = (4 + _muEff / _n) / (_n + 4 + 2 * _muEff / _n);
        _c1 = 2 / ((_n + 1.3) * (_n + 1.3) + _muEff);
        _cMu = Math.Min(1 - _c1, 2 * (_muEff - 2 + 1 / _muEff) / ((_n + 2) * (_n + 2) + _muEff));
        _chiN = Math.Sqrt(_n) * (1 - 1.0 / (4 * _n) + 1.0 / (21.0 * _n * _n));
        _rng = new MersenneTwister(seed, threadSafe: false);
        _mean = Vector<double>.Build.DenseOfArray(start);
        _sigma = sigma;
        _c = Matrix<double>.Build.DenseIdentity(_n);
        _pC = Vector<double>.Build.Dense(_n);
        _pSigma = Vector<double>.Build.Dense(_n);
    }

    public int PopulationSize => _lambda;
    public double Sigma => _sigma;
    public int Generation { get; private set; }

    /// <summary>
    /// One generation: sample the population, evaluate it with <paramref name="objectives"/> (all
    /// candidates in one call, so they can be evaluated side by side; losses in the order given),
    /// update the distribution.
    /// </summary>
    public void Step(Func<double[][], double[]> objectives)
    {
        var evd = _c.Evd(Symmetricity.Symmetric);
        var b = evd.EigenVectors;
        var d = evd.EigenValues.Map(e => Math.Sqrt(Math.Max(e.Real, 1e-20)));
        var ys = new Vector<double>[_lambda];
        for (var k = 0; k < _lambda; k++)
        {
            var z = Vector<double>.Build.Dense(_n, _ => Normal.Sample(_rng, 0, 1));
            ys[k] = b * z.PointwiseMultiply(d);
        }
        var losses = objectives([.. ys.Select(y => (_mean + _sigma * y).ToArray())]);
        if (losses.Length != _lambda) throw new InvalidOperationException($"{losses.Length} losses for {_lambda} candidates");
        var best = ys.Select((y, k) => (Y: y, Loss: losses[k])).OrderBy(c => c.Loss).Take(_mu).ToArray();

        var yW = Vector<double>.Build.Dense(_n);
        for (var i = 0; i < _mu; i++) yW += _weights[i] * best[i].Y;
        _mean += _sigma * yW;

        // C^(-1/2) y_w = B D^-1 B^T y_w
        var invSqrtY = b * (b.TransposeThisAndMultiply(yW).PointwiseDivide(d));
        _pSigma = (1 - _cSigma) * _pSigma + Math.Sqrt(_cSigma * (2 - _cSigma) * _muEff) * invSqrtY;
        Generation++;
        var hSigma = _pSigma.L2Norm() / Math.Sqrt(1 - Math.Pow(1 - _cSigma, 2 * Generation)) < (1.4 + 2.0 / (_n + 1)) * _chiN ? 1.0 : 0.0;
        _pC = (1 - _cC) * _pC + hSigma * Math.Sqrt(_cC * (2 - _cC) * _muEff) * yW;

        var rankMu = Matrix<double>.Build.Dense(_n, _n);
        for (var i = 0; i < _mu; i++) rankMu += _weights[i] * best[i].Y.OuterProduct(best[i].Y);
        _c = (1 - _c1 - _cMu) * _c
            + _c1 * (_pC.OuterProduct(_pC) + (1 - hSigma) * _cC * (2 - _cC) * _c)
            + _cMu * rankMu;
        _c = (_c + _c.Transpose()) / 2;
        _sigma *= Math.Exp(_cSigma / _dSigma * (_pSigma.L2Norm() / _chiN - 1));
    }
}
