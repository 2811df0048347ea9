"""Runs VentureLens's own model.onnx (written by ml/onnx/keras-to-onnx.ts) on an NVIDIA GPU.

The product's GPU paths (@tensorflow/tfjs-node-gpu for training, onnxruntime-node's CUDA
provider for inference) need files downloaded at install time, which the lent GPU machine
cannot reach. This script answers the questions those paths depend on with what that
machine has (PyTorch, onnx, onnxruntime for Python):
  1. Does our converter's ONNX file load in the reference ONNX tooling (onnx.checker, onnxruntime)?
  2. Does the same graph, executed op by op with PyTorch on the GPU, give the embeddings
     onnxruntime-node gives on our CPUs (max abs difference, fp32 and bf16)?
  3. How fast does the network run on the GPU (img/s by batch size and precision), against
     onnxruntime's CPU provider on every core of the same machine?
Input: .gpu/ from `npx tsx scripts/gpu/prepare-device-check.ts`. Output: JSON on stdout
and in $OUT/gpu-report.json. Figures, not assertions.
"""
import json, os, subprocess, sys, time

import numpy as np
import onnx
from onnx import numpy_helper
import torch
import torch.nn.functional as F

GPU_DIR = sys.argv[1] if len(sys.argv) > 1 else ".gpu"
report = {}


def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


_weights = {}


def weights(model, dev, dtype):
    """Initializers on the device, converted once per precision (not per call: that would time the copies)."""
    key = (str(dev), dtype)
    if key not in _weights:
        ws = {init.name: torch.from_numpy(numpy_helper.to_array(init).copy()).to(dev) for init in model.graph.initializer}
        _weights[key] = {k: (v.to(dtype) if v.is_floating_point() else v) for k, v in ws.items()}
    return _weights[key]


def run_graph(model, x, dtype):
    """Evaluates the graph with torch ops; only the ops our converter emits are supported."""
    env = dict(weights(model, x.device, dtype))
    env[model.graph.input[0].name] = x.to(dtype)
    for node in model.graph.node:
        a = attrs(node)
        i = [env[n] if n else None for n in node.input]
        op = node.op_type
        if op == "Transpose":
            y = i[0].permute(*a["perm"])
            y = y.contiguous(memory_format=torch.channels_last) if y.dim() == 4 else y
        elif op == "Pad":
            p = [int(v) for v in i[1].tolist()]
            r = len(p) // 2
            torch_pad = []
            for d in reversed(range(r)):
                torch_pad += [p[d], p[d + r]]
            assert a.get("mode", b"constant") in (b"constant", "constant")
            y = F.pad(i[0], torch_pad)
        elif op == "Conv":
            pads = a.get("pads", [0, 0, 0, 0])
            inp = i[0]
            if pads[0] != pads[2] or pads[1] != pads[3]:
                inp = F.pad(inp, [pads[1], pads[3], pads[0], pads[2]])
                pad = 0
            else:
                pad = (pads[0], pads[1])
            y = F.conv2d(inp, i[1], i[2] if len(i) > 2 else None, stride=tuple(a.get("strides", [1, 1])),
                         padding=pad, dilation=tuple(a.get("dilations", [1, 1])), groups=a.get("group", 1))
        elif op == "Clip":
            y = torch.clamp(i[0], float(i[1]), float(i[2]))
        elif op == "Relu":
            y = F.relu(i[0])
        elif op == "Add":
            y = i[0] + i[1]
        elif op == "Mul":
            y = i[0] * i[1]
        elif op in ("AveragePool", "MaxPool"):
            # The grid cells of the default features: "valid" pooling, so no pads to honour.
            assert not any(a.get("pads", [0, 0, 0, 0])), f"{op} with pads"
            kernel, stride = tuple(a["kernel_shape"]), tuple(a.get("strides", a["kernel_shape"]))
            y = (F.avg_pool2d if op == "AveragePool" else F.max_pool2d)(i[0], kernel_size=kernel, stride=stride)
        elif op == "GlobalAveragePool":
            y = i[0].mean(dim=(2, 3), keepdim=True)
        elif op == "GlobalMaxPool":
            y = i[0].amax(dim=(2, 3), keepdim=True)
        elif op == "Flatten":
            y = torch.flatten(i[0], start_dim=a.get("axis", 1))
        elif op == "Concat":
            y = torch.cat(i, dim=a["axis"])
        elif op == "Gemm":
            b = i[1].t() if a.get("transB", 0) else i[1]
            y = i[0] @ b + (i[2] if len(i) > 2 else 0)
        elif op == "Softmax":
            y = torch.softmax(i[0].float(), dim=a.get("axis", -1)).to(dtype)
        elif op == "Identity":
            y = i[0]
        else:
            raise NotImplementedError(op)
        env[node.output[0]] = y
    return env[model.graph.output[0].name]


def bench(fn, batch, reps=20, warmup=5):
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    t = time.perf_counter()
    for _ in range(reps):
        fn()
    torch.cuda.synchronize()
    return batch * reps / (time.perf_counter() - t)


meta = json.load(open(os.path.join(GPU_DIR, "meta.json")))
n, h, w, width = meta["count"], meta["height"], meta["width"], meta["outputWidth"]
inp = np.fromfile(os.path.join(GPU_DIR, "input.f32"), dtype=np.float32).reshape(n, h, w, 3)
ref = np.fromfile(os.path.join(GPU_DIR, "output.f32"), dtype=np.float32).reshape(n, width)
path = os.path.join(GPU_DIR, "model.onnx")
model = onnx.load(path)
onnx.checker.check_model(model, full_check=True)
report["onnx_checker"] = "passed (full_check)"
report["reference"] = meta

try:
    smi = subprocess.run(["nvidia-smi", "--query-gpu=name,driver_version,memory.total", "--format=csv,noheader"],
                         capture_output=True, text=True, timeout=30).stdout.strip()
except Exception as e:  # noqa: BLE001
    smi = f"nvidia-smi failed: {e}"
report["gpu"] = smi
report["torch"] = torch.__version__
report["cuda_runtime"] = torch.version.cuda
report["cudnn"] = torch.backends.cudnn.version()
report["node"] = subprocess.run("command -v node && node --version", shell=True, capture_output=True, text=True).stdout.strip() or "not installed"

# onnxruntime (Python) on the CPU: a second, independent implementation reading our file.
def ort_cpu():
    import onnxruntime as ort
    report["onnxruntime_python"] = {"version": ort.__version__, "providers": ort.get_available_providers()}
    so = ort.SessionOptions()
    so.intra_op_num_threads = os.cpu_count() or 1
    sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    out_cpu = sess.run(None, {sess.get_inputs()[0].name: inp})[0]
    report["ort_python_cpu_vs_node_cpu_max_abs_diff"] = float(np.abs(out_cpu - ref).max())
    batch = np.repeat(inp, 2, axis=0)[:64]
    for _ in range(2):
        sess.run(None, {"image": batch})
    t = time.perf_counter()
    reps = 5
    for _ in range(reps):
        sess.run(None, {"image": batch})
    report["ort_python_cpu_img_s"] = {"cores": os.cpu_count(), "batch": 64, "img_s": round(64 * reps / (time.perf_counter() - t), 1)}


try:
    ort_cpu()
except Exception as e:  # noqa: BLE001
    report["onnxruntime_python_error"] = repr(e)

dev = torch.device("cuda")
torch.backends.cudnn.benchmark = True
x = torch.from_numpy(inp).to(dev)
with torch.no_grad():
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    fp32 = run_graph(model, x, torch.float32).float().cpu().numpy()
    report["torch_cuda_fp32_vs_node_cpu_max_abs_diff"] = float(np.abs(fp32 - ref).max())
    report["embedding_abs_max"] = float(np.abs(ref).max())
    bf16 = run_graph(model, x, torch.bfloat16).float().cpu().numpy()
    cos = (bf16 * ref).sum(1) / (np.linalg.norm(bf16, axis=1) * np.linalg.norm(ref, axis=1))
    report["torch_cuda_bf16_vs_node_cpu"] = {"max_abs_diff": float(np.abs(bf16 - ref).max()), "min_cosine": float(cos.min())}

    speeds = []
    for precision, dtype, tf32 in [("fp32", torch.float32, False), ("tf32", torch.float32, True), ("bf16", torch.bfloat16, True)]:
        torch.backends.cuda.matmul.allow_tf32 = tf32
        torch.backends.cudnn.allow_tf32 = tf32
        for b in [8, 64, 256]:
            xb = torch.randn(b, h, w, 3, device=dev)
            speeds.append({"precision": precision, "batch": b, "img_s": round(bench(lambda: run_graph(model, xb, dtype), b), 1)})
    report["torch_cuda_img_s"] = speeds
    report["gpu_memory_peak_mb"] = round(torch.cuda.max_memory_allocated() / 1e6)

text = json.dumps(report, indent=2)
print(text)
out = os.environ.get("OUT")
if out:
    open(os.path.join(out, "gpu-report.json"), "w").write(text)
