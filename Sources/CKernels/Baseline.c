// The kernels of Kernels.c built once more, for baseline x86-64 alone, under names ending in
// `_baseline`: tests compare them bit for bit with the versions the loader chose (AVX2 where the
// processor has it), so that a machine with AVX2 also checks the build other machines run.
#define RECBOOK_BASELINE_ONLY 1
#define recbook_adam_update recbook_adam_update_baseline
#define recbook_gather_inputs recbook_gather_inputs_baseline
#define recbook_scatter_embedding_gradient recbook_scatter_embedding_gradient_baseline
#define recbook_dropout_sample recbook_dropout_sample_baseline
#define recbook_dropout_apply recbook_dropout_apply_baseline
#define recbook_add_rectify recbook_add_rectify_baseline
#define recbook_rectified_sigmoid_output recbook_rectified_sigmoid_output_baseline
#define recbook_multiply recbook_multiply_baseline
#define recbook_score_movies recbook_score_movies_baseline
#include "Kernels.c"
